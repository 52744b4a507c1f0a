/** How periods are rolled up in a report. */
export type Granularity = 'month' | 'quarter' | 'year';

/** The bucket a month falls in: `2025-03`, `2025-Q1` or `2025`. */
export function bucketOf(period: string, granularity: Granularity): string {
  const year = period.slice(0, 4);
  if (granularity === 'year') return year;
  if (granularity === 'month') return period;
  return `${year}-Q${Math.ceil(Number(period.slice(5, 7)) / 3)}`;
}

/** The months from `from` to `to` inclusive (`YYYY-MM`). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = to.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The buckets of a range, in order, each once. */
export function bucketsBetween(from: string, to: string, granularity: Granularity): string[] {
  return [...new Set(monthsBetween(from, to).map((month) => bucketOf(month, granularity)))];
}

/** A bucket's label in Swedish and English (`2025 kv. 1` / `2025 Q1`). */
export function bucketLabel(bucket: string): { sv: string; en: string } {
  const quarter = /^(\d{4})-Q(\d)$/.exec(bucket);
  if (quarter !== null) return { sv: `${quarter[1]} kv. ${quarter[2]}`, en: `${quarter[1]} Q${quarter[2]}` };
  return { sv: bucket, en: bucket };
}
