import { isCalendarDate, isClockTime } from './calendar.js';
import type { DigitRun } from './number-clusters.js';

/** Which runs of a cluster are parts of dates and which of time ranges: numbers a note is full of. */
export interface NumberTokens {
  readonly date: readonly boolean[];
  readonly timeRange: readonly boolean[];
}

const DATE_SEPARATORS = new Set(['-', '/', '.']);
const plausibleYear = (year: number): boolean => year >= 1900 && year <= 2099;

function isDateAt(runs: readonly DigitRun[], at: number): number {
  const a = runs[at];
  const b = runs[at + 1];
  if (
    a === undefined ||
    b === undefined ||
    b.digits.length > 2 ||
    (a.digits.length !== 4 && a.digits.length > 2)
  )
    return 0;
  const c = runs[at + 2];
  const separator = b.mark;
  if (!DATE_SEPARATORS.has(separator)) return 0;
  if (c !== undefined && c.mark === separator) {
    // 2025-03-14, 2025/03/14, 2025.03.14
    if (a.digits.length === 4 && b.digits.length === 2 && c.digits.length === 2) {
      const year = Number(a.digits);
      if (plausibleYear(year) && isCalendarDate(year, Number(b.digits), Number(c.digits))) return 3;
    }
    // 14/3/2025, 14.3.2025, 14-03-2025
    if (a.digits.length <= 2 && b.digits.length <= 2 && c.digits.length === 4) {
      const year = Number(c.digits);
      if (plausibleYear(year) && isCalendarDate(year, Number(b.digits), Number(a.digits))) return 3;
    }
  }
  // 2025-03 (a period)
  if (separator === '-' && a.digits.length === 4 && b.digits.length === 2) {
    const month = Number(b.digits);
    if (plausibleYear(Number(a.digits)) && month >= 1 && month <= 12) return 2;
  }
  // 14/3 (a day of a month)
  if (separator === '/' && a.digits.length <= 2 && b.digits.length <= 2) {
    if (isCalendarDate(undefined, Number(b.digits), Number(a.digits))) return 2;
  }
  return 0;
}

function isTimeRangeAt(runs: readonly DigitRun[], at: number): number {
  const a = runs[at];
  const b = runs[at + 1];
  if (a === undefined || b === undefined || (a.digits.length !== 4 && a.digits.length !== 2)) return 0;
  const c = runs[at + 2];
  const d = runs[at + 3];
  // 0930-1100
  if (a !== undefined && b !== undefined && b.mark === '-') {
    if (a.digits.length === 4 && b.digits.length === 4 && isClockTime(a.digits) && isClockTime(b.digits))
      return 2;
  }
  // 09.30-11.00
  if (a !== undefined && b !== undefined && c !== undefined && d !== undefined) {
    const shaped =
      [a, b, c, d].every((run) => run.digits.length === 2) &&
      b.mark === '.' &&
      c.mark === '-' &&
      d.mark === '.';
    if (shaped && isClockTime(a.digits + b.digits) && isClockTime(c.digits + d.digits)) return 4;
  }
  return 0;
}

/** Marks the dates (`2025-03-14`, `14/3`, `2025-03`) and time ranges (`0930-1100`, `09.30-11.00`) of a cluster. */
export function numberTokens(runs: readonly DigitRun[]): NumberTokens {
  const date = new Array<boolean>(runs.length).fill(false);
  const timeRange = new Array<boolean>(runs.length).fill(false);
  for (let at = 0; at < runs.length; at += 1) {
    const dateLength = isDateAt(runs, at);
    for (let offset = 0; offset < dateLength; offset += 1) date[at + offset] = true;
    const timeLength = isTimeRangeAt(runs, at);
    for (let offset = 0; offset < timeLength; offset += 1) timeRange[at + offset] = true;
  }
  return { date, timeRange };
}
