import { isCalendarDate, isClockTime } from './calendar.js';
import { passesLuhn } from './luhn.js';
import type { DigitRun } from './number-clusters.js';
import type { NumberTokens } from './number-tokens.js';
import type { PersonalDataKind } from './personal-data-kind.js';

export type IdentityKind = Extract<PersonalDataKind, 'personnummer' | 'samordningsnummer'>;

/** The kind a date part names: a birth date, or a birth date with 60 added to the day. */
function kindOfDate(year: number | undefined, month: number, day: number): IdentityKind | undefined {
  if (isCalendarDate(year, month, day)) return 'personnummer';
  if (day > 60 && isCalendarDate(year, month, day - 60)) return 'samordningsnummer';
  return undefined;
}

/** Month digits `01`–`12` at `at`: most digit strings fail here, before any number is parsed. */
function hasMonthAt(digits: string, at: number): boolean {
  const tens = digits.charCodeAt(at);
  const units = digits.charCodeAt(at + 1);
  return (tens === 48 && units !== 48) || (tens === 49 && units <= 50);
}

/** Whether the digits so far can still begin a 10-digit (month at 3–4) or 12-digit (century, month at 5–6) number. */
function couldStartIdentityNumber(digits: string): boolean {
  const first = digits.charCodeAt(0);
  const second = digits.charCodeAt(1);
  // 18, 19 or 20
  const century =
    digits.length < 2 ||
    (first === 49 && (second === 56 || second === 57)) ||
    (first === 50 && second === 48);
  const asTwelve = century && (digits.length < 6 || hasMonthAt(digits, 4));
  const asTen = digits.length < 4 || hasMonthAt(digits, 2);
  return asTen || asTwelve;
}

/** The kind of a 10- or 12-digit personal identity number by its date part, check digit not considered. */
export function kindOfDigits(digits: string): IdentityKind | undefined {
  if (!hasMonthAt(digits, digits.length === 12 ? 4 : 2)) return undefined;
  if (digits.length === 12) {
    const century = digits.slice(0, 2);
    if (century !== '18' && century !== '19' && century !== '20') return undefined;
    return kindOfDate(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
  }
  return kindOfDate(undefined, Number(digits.slice(2, 4)), Number(digits.slice(4, 6)));
}

/** Whether digits spell exactly an identity number: 10 or 12 of them, a date, a serial and a check digit that holds. */
export function spellsIdentityNumber(digits: string): boolean {
  return (
    (digits.length === 10 || digits.length === 12) &&
    kindOfDigits(digits) !== undefined &&
    passesLuhn(digits.slice(-10))
  );
}

/** `YYMMDD-NNNN`, `YYMMDD+NNNN` or `YYYYMMDD-NNNN`: written as one, so a wrong check digit does not make it less of one. */
function isCanonicalShape(runs: readonly DigitRun[], first: number, last: number): boolean {
  if (last !== first + 1) return false;
  const [date, serial] = [runs[first], runs[last]];
  if (date === undefined || serial === undefined) return false;
  const mark = serial.mark;
  return (
    (date.digits.length === 6 || date.digits.length === 8) &&
    serial.digits.length === 4 &&
    (mark === '-' || mark === '+')
  );
}

/** `2025-03-14 1030`: a date and a time of day, which a loosely written number must not be taken for. */
function isIsoDateAndTime(runs: readonly DigitRun[], first: number, last: number): boolean {
  if (last !== first + 3) return false;
  const [year, month, day, time] = [runs[first], runs[first + 1], runs[first + 2], runs[last]];
  return (
    year?.digits.length === 4 &&
    month?.digits.length === 2 &&
    day?.digits.length === 2 &&
    month.mark === '-' &&
    day.mark === '-' &&
    time?.gap === ' ' &&
    isClockTime(time.digits)
  );
}

/** The fewest numbers of a counted list (`v. 10 11 12 13 14`) that the guard reads as a list. */
const MIN_LIST_LENGTH = 3;

/**
 * For each run, the index of the first run of the counted list it belongs to — numbers of one
 * or two digits, separated by spaces only, each one more than the one before (`10 11 12 13 14`,
 * `8 9 10 11`), three or more — or -1. Weeks and session numbers are written so; a number
 * whose every digit group counts up by one is rare enough to be let through (a documented limit).
 */
function countedLists(runs: readonly DigitRun[]): readonly number[] {
  const starts = new Array<number>(runs.length).fill(-1);
  let start = 0;
  for (let at = 1; at <= runs.length; at += 1) {
    const run = runs[at];
    const previous = runs[at - 1];
    const continues =
      run !== undefined &&
      previous !== undefined &&
      run.digits.length <= 2 &&
      previous.digits.length <= 2 &&
      run.gap.trim() === '' &&
      Number(run.digits) === Number(previous.digits) + 1;
    if (continues) continue;
    if (at - start >= MIN_LIST_LENGTH) starts.fill(start, start, at);
    start = at;
  }
  return starts;
}

/** Whether runs `first`…`last` all belong to one counted list. */
function inOneCountedList(lists: readonly number[], first: number, last: number): boolean {
  const list = lists[first] ?? -1;
  return list !== -1 && lists[last] === list;
}

/**
 * A personnummer or samordningsnummer among a cluster's runs: 10 or 12 digits over whole runs,
 * with a date that exists (day + 60 for a samordningsnummer). In a canonical shape it counts
 * whatever its check digit; written any other way it needs a valid check digit, and a time
 * range, an ISO date followed by a time of day, or a counted list (`v. 10 11 12 13 14`) is not
 * read as one.
 */
export function findIdentityNumber(
  runs: readonly DigitRun[],
  tokens: NumberTokens,
): IdentityKind | undefined {
  let lists: readonly number[] | undefined;
  for (let first = 0; first < runs.length; first += 1) {
    let digits = '';
    for (let last = first; last < runs.length; last += 1) {
      const run = runs[last]?.digits ?? '';
      if (digits.length + run.length > 12) break;
      digits += run;
      if (!couldStartIdentityNumber(digits)) break;
      if (digits.length !== 10 && digits.length !== 12) continue;
      const kind = kindOfDigits(digits);
      if (kind === undefined) continue;
      if (isCanonicalShape(runs, first, last)) return kind;
      if (!passesLuhn(digits.slice(-10))) continue;
      let inTimeRange = false;
      for (let at = first; at <= last; at += 1) inTimeRange ||= tokens.timeRange[at] === true;
      if (inTimeRange || isIsoDateAndTime(runs, first, last)) continue;
      lists ??= countedLists(runs);
      if (inOneCountedList(lists, first, last)) continue;
      return kind;
    }
  }
  return undefined;
}
