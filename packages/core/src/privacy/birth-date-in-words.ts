import { asLatinInPlace } from './latin-twins.js';

/** Month names and their common abbreviations, Swedish and English, by month number. */
const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  januari: 1,
  january: 1,
  jan: 1,
  februari: 2,
  february: 2,
  febr: 2,
  feb: 2,
  mars: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  augusti: 8,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  october: 10,
  okt: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

// Longest first: the whole word is tried before its abbreviation.
const MONTH_NAMES = Object.keys(MONTH_NUMBERS)
  .sort((left, right) => right.length - left.length)
  .join('|');
/** A month name or abbreviation, with or without a dot. */
const monthName = (group: string): string => `(?<${group}>${MONTH_NAMES})\\.?`;
const CENTURY_YEAR = '(?:18|19|20)\\d{2}';
// The apostrophes and primes notes put before a two-digit year ('81, ’81, `81, ʹ81, ″81 …).
const DASH_OR_APOSTROPHE = "[-'’‘ʼ′`‛ʹˈʻꞌ″‵]";
/**
 * `1981`, `81`, `-81`, `'81`, `-1981` — not the hour of a time (`3 mars 10.30`) nor the start of
 * a range (`18/12 14-16`); but a year followed by four digits alone is the number written whole
 * (`18 dec 1981-9876`, `18/12 81-9876`).
 */
const YEAR = `(?:${DASH_OR_APOSTROPHE} ?)?(?:${CENTURY_YEAR}|\\d{2})(?!\\d|[-.:,/]\\d(?!\\d{3}(?!\\d)))`;
/**
 * After a month name: a space, a dash or a slash (`dec -81`, `18-dec-1981`); a comma or `år` only
 * before a four-digit year (`3 mars, 12 deltagare` is no date; `å` is read as `a` here).
 */
const AFTER_MONTH = `(?:,? ?(?:[aå]r )?(?=${CENTURY_YEAR})|[ /-]?)`;
const DAY = '(?<!\\d)\\d{1,2}(?!\\d)';
/** `18:e`, `1:a`, `18e`, `18th`, `1st`. */
const ORDINAL = '(?::?(?:a|e|de|st|nd|rd|th))?';

const DATE_WRITTEN_OUT = new RegExp(
  [
    // 18 december 1981, 18:e dec -81, 18. dec 81, 18-Dec-1981, 18th of December, 1981
    `${DAY}${ORDINAL}(?:\\.? ?(?:of )?|[-/])${monthName('monthAfterDay')}${AFTER_MONTH}${YEAR}`,
    // December 18, 1981; Dec. 18th 1981 (English only: `mars 18.30` is a time, `mars 18-20` days)
    `(?<!\\p{L})${monthName('monthBeforeDay')} ?${DAY}${ORDINAL}(?:,? |[,.](?=${CENTURY_YEAR}))${YEAR}`,
    // 18/12/81, 18.12.81, 18-12-1981, 18/12 -81, 18/12-81, 18/12 1981, 18.12 1981. The year after
    // a space has four digits (`18/12 12 deltagare` is no year); after a dash or an apostrophe
    // two, and only after a slash (`kl 9.10-10` is a time).
    `${DAY}(?:(?<separator>[-./])\\d{1,2}\\k<separator>|\\/\\d{1,2} ?(?=${DASH_OR_APOSTROPHE})|[./]\\d{1,2} (?=${CENTURY_YEAR}))${YEAR}`,
  ].join('|'),
  'giu',
);
const NOT_ASCII = /[\u0080-\uffff]/;
const DIGIT_GROUPS = /\d+/g;

/** A date written out: where it stands in the text, and its date part as a personnummer spells it. */
export interface DateWrittenOut {
  readonly at: number;
  readonly end: number;
  readonly digits: string;
}

const two = (value: number): string => String(value).padStart(2, '0');

/** The date part `YYMMDD` or `YYYYMMDD`; whether that is a date is for `kindOfDigits` to say. */
function datePartOf(match: RegExpMatchArray): string | undefined {
  const [first = '', second = '', third = ''] = match[0].match(DIGIT_GROUPS) ?? [];
  const name = match.groups?.monthAfterDay ?? match.groups?.monthBeforeDay;
  if (name !== undefined) {
    // Day and year are the two numbers, whichever comes first of month and day.
    const month = MONTH_NUMBERS[name.toLowerCase()];
    return month === undefined ? undefined : `${second}${two(month)}${two(Number(first))}`;
  }
  // Day first, as Swedes write it; month first (`12/18/1981`, with slashes, as in the US) only
  // where the second number can be no month. Reading both would cost nothing more: swapping two
  // pairs of digits two places apart keeps the Luhn sum, so both readings need the same four
  // digits — as do this reading of `18.12.81` and the year-first one the digit-run rule gives it.
  const monthFirst = Number(second) > 12 && match[0].charAt(first.length) === '/';
  const [day, month] = monthFirst ? [second, first] : [first, second];
  return `${third}${two(Number(month))}${two(Number(day))}`;
}

/**
 * Every birth date a text writes out rather than as a run of digits, in text order: the month in
 * words (`18 december 1981`, `18:e dec -81`, `December 18, 1981`) or day and month as numbers
 * before a year (`18/12 -81`, `18.12.1981`). With "sista fyra 9876" beside one, a reader composes
 * 811218-9876 at once (attack 35 (f), finding 11), so the split-by-prose rule reads these as dates
 * too. Month names are read through look-alike letters and accents (`dеc` with a Cyrillic е).
 * Linear in the text's length: one pass of one pattern, each match a bounded number of characters.
 */
export function datesWrittenOut(text: string): DateWrittenOut[] {
  const readable = NOT_ASCII.test(text) ? asLatinInPlace(text) : text;
  const found: DateWrittenOut[] = [];
  for (const match of readable.matchAll(DATE_WRITTEN_OUT)) {
    const digits = datePartOf(match);
    if (digits !== undefined) found.push({ at: match.index, end: match.index + match[0].length, digits });
  }
  return found;
}
