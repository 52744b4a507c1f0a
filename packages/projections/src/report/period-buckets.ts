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

/** The bucket before `bucket` at its granularity (`2025-Q1` → `2024-Q4`, `2025-01` → `2024-12`). */
export function previousBucket(bucket: string): string {
  const quarter = /^(\d{4})-Q(\d)$/.exec(bucket);
  if (quarter !== null) {
    const [year, q] = [Number(quarter[1]), Number(quarter[2])];
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(bucket);
  if (month !== null) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
  }
  return String(Number(bucket) - 1);
}

/** The months of a whole bucket (`2025-Q2` → April to June). */
export function monthsOfBucket(bucket: string): string[] {
  const quarter = /^(\d{4})-Q(\d)$/.exec(bucket);
  if (quarter !== null) {
    const first = (Number(quarter[2]) - 1) * 3 + 1;
    return [0, 1, 2].map((offset) => `${quarter[1]}-${String(first + offset).padStart(2, '0')}`);
  }
  if (/^\d{4}-\d{2}$/.test(bucket)) return [bucket];
  return monthsBetween(`${bucket}-01`, `${bucket}-12`);
}
