import type { DigitRun } from './number-clusters.js';
import type { NumberTokens } from './number-tokens.js';
import { hasCallingCode, isPossibleInternationalNumber, isValidSwedishNumber } from './phone-metadata.js';

/** The most digits a phone number has as written: `00`, a country code and 15 digits at most in all. */
const MAX_DIGITS = 17;

/** How a number is written, by its first digits: which lengths it may have and how to check it. */
interface Reading {
  readonly min: number;
  readonly max: number;
  check(digits: string): boolean;
}

/** A national significant number: a written "(0)" after the country code is dropped. */
const national = (digits: string): string => (digits.startsWith('0') ? digits.slice(1) : digits);

const SWEDISH_INTERNATIONAL: Reading = {
  min: 2 + 6,
  max: 2 + 1 + 12,
  check: (digits) => isValidSwedishNumber(national(digits.slice(2))),
};

/** The reading of digits that start a number, or none: most digit runs are no phone number. */
function readingOf(start: string, plus: boolean): Reading | undefined {
  if (plus) {
    return start.startsWith('46')
      ? SWEDISH_INTERNATIONAL
      : { min: 7, max: 15, check: (digits) => isPossibleInternationalNumber(digits) };
  }
  if (start.startsWith('0046')) {
    return {
      min: 4 + 6,
      max: 4 + 1 + 12,
      check: (digits) => isValidSwedishNumber(national(digits.slice(4))),
    };
  }
  if (start.startsWith('00')) {
    // An international prefix needs a country code: "0 0 0 0" is not the start of one.
    // (No country calling code starts with 0.)
    if (start.charAt(2) === '0' || (start.length >= 5 && !hasCallingCode(start.slice(2)))) return undefined;
    return { min: 2 + 7, max: MAX_DIGITS, check: (digits) => isPossibleInternationalNumber(digits.slice(2)) };
  }
  if (start.startsWith('0'))
    return { min: 1 + 6, max: 1 + 12, check: (digits) => isValidSwedishNumber(digits.slice(1)) };
  // 46701234567: the country code without its plus.
  if (start.startsWith('46')) return SWEDISH_INTERNATIONAL;
  return undefined;
}

/** Where a number can start: the cluster's start, or after a space or a bracket (not inside `12-34`). */
function startsNumber(run: DigitRun, first: boolean): boolean {
  return first || run.gap.includes(' ') || run.gap.includes('(');
}

/**
 * A phone number among a cluster's runs: Swedish (national, `+46`, `0046` or `46`) as
 * libphonenumber's Swedish metadata validates it, or any other country's after a `+` or `00`
 * (a country calling code and a possible length). Parts of dates and time ranges are never
 * part of one. Each start looks at no more than 17 digits: linear.
 */
export function findPhoneNumber(
  runs: readonly DigitRun[],
  before: string,
  tokens: NumberTokens,
  continued = false,
): boolean {
  for (let first = 0; first < runs.length; first += 1) {
    const start = runs[first] as DigitRun;
    const atClusterStart = first === 0 && !continued;
    if (
      !startsNumber(start, atClusterStart) ||
      tokens.date[first] === true ||
      tokens.timeRange[first] === true
    )
      continue;
    const plus = (atClusterStart ? before.trimEnd() : start.mark).endsWith('+');
    const leading = start.digits.charCodeAt(0);
    if (!plus && leading !== 48 && leading !== 52) continue; // '0' or '4'
    // The digits from here, run by run, up to the longest number (or a date or a time range).
    let digits = '';
    let reading: Reading | undefined;
    for (let last = first; last < runs.length; last += 1) {
      const run = runs[last] as DigitRun;
      if (tokens.date[last] === true || tokens.timeRange[last] === true) break;
      if (digits.length + run.digits.length > MAX_DIGITS) break;
      digits += run.digits;
      if (reading === undefined) {
        if (digits.length < 5 && last + 1 < runs.length) continue;
        reading = readingOf(digits, plus);
        if (reading === undefined) break;
      }
      if (digits.length >= reading.min && digits.length <= reading.max && reading.check(digits)) return true;
    }
  }
  return false;
}
