const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Whether a day exists; without a year (`undefined`), 29 February counts as existing. */
export function isCalendarDate(year: number | undefined, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return year === undefined || isLeapYear(year);
  return day <= (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Whether four digits read as a time of day, `HHMM`. */
export function isClockTime(hhmm: string): boolean {
  return hhmm.length === 4 && Number(hhmm.slice(0, 2)) <= 23 && Number(hhmm.slice(2)) <= 59;
}
