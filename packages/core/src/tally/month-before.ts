/** The month before `period` (YYYY-MM), by string arithmetic (scans of months run it often). */
export function monthBefore(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${period.slice(0, 5)}${String(month - 1).padStart(2, '0')}`;
}
