import { datesWrittenOut } from './birth-date-in-words.js';
import { type IdentityKind, kindOfDigits } from './identity-numbers.js';
import { asLatin } from './latin-twins.js';
import { luhnSum } from './luhn.js';

/**
 * Words that say a number in the text is a personal identity number, or its last four digits
 * ("pnr 811218, sista fyra 9876"), as notes spell them: abbreviated (`p.nr`, `pers-nr`, `ID-nr`,
 * `samordningsnr`), inflected or misspelled (`personnumret`, `personummer`, `person nummer`), the
 * count as a word or a digit (`sista fyra`, `de 4 sista`, `sista siffrorna`), and in English
 * (`SSN`, `last 4`, `civic registration number`). Only with one of them does the scan join a date
 * and a four-digit group that prose keeps apart: without it, such a pair is as often a date and a
 * time of day ("Möte 250314, rum 1030"), and one in ten passes the check digit (attack 35 (f)).
 */
/** After a count of digits: no word but one that names digits or says what they are. */
const COUNT_ENDS =
  '(?!\\s+(?!(?:(?:siffr|digit|nummer|number)\\p{L}*|är|var|is|was|are|were)(?![\\p{L}]))\\p{L})';

const CUE = new RegExp(
  [
    'person\\s?n?u?m{1,2}(?:er|ret|ren|rets|rens)',
    'pers(?:on)?[-.\\s]{0,2}nr',
    'p[-.\\s]{0,2}n[-.\\s]{0,2}r',
    'samordnings\\s?(?:nr|n?u?m{1,2}(?:er|ret))',
    'födelse\\s?n(?:r|u?m{1,2}(?:er|ret))',
    'id[-.\\s]?(?:nr|no|n?u?m{1,2}(?:er|ret)|number)',
    // A count names digits only when no other word follows it: "sista fyra 9876", "sista fyra:
    // 9876", "de fyra sista är 9876" — not "de sista fyra veckorna" or "the last 4 weeks".
    `(?:sista|fyra|4)\\s+(?:siffror(?:na)?|(?:fyra|4|sista)${COUNT_ENDS})`,
    '(?:slut|kontroll)\\s?siffr(?:a|an|or|orna)',
    'ssn',
    'social\\s+security',
    'personal\\s+(?:identity\\s+|id\\s+)?(?:number|no)',
    'civic\\s+(?:registration\\s+)?number',
    `last\\s+(?:four|4)${COUNT_ENDS}`,
  ]
    .map((cue) => `(?:${cue})`)
    .join('|')
    .replace(/^/, '(?<![\\p{L}\\p{N}])(?:')
    .concat(')(?![\\p{L}])'),
  'iu',
);

const NOT_ASCII = /[^\t\n\r\x20-\x7e]/;

/**
 * Whether a text names a personal identity number (see {@link CUE}), Cyrillic and Greek letters
 * drawn as Latin ones and accents read through (`рnr`, `Pérsonnummer`, `latin-twins.ts`).
 */
export function namesIdentityNumber(text: string): boolean {
  return CUE.test(text) || (NOT_ASCII.test(text) && CUE.test(asLatin(text)));
}

/**
 * A date as notes write one: six or eight digits, whole or in three groups with one separator
 * (`811218`, `81-12-18`, `81.12.18`, `81 12 18`, `1981-12-18`); dates written out, the month in
 * words or day first (`18 december 1981`, `18/12 -81`), are read by `birth-date-in-words.ts`.
 */
const DATE = /(?<!\d)(\d{2}|\d{4})([-./ ]?)(\d{2})\2(\d{2})(?!\d)/g;
/**
 * Four digits as notes write the last four: whole, in two pairs (`98 76`, `98-76`) or one by one
 * (`9 8 7 6`); or five, of which the first or last four are read (the scan reads "sista fyra nio
 * åtta sju sex" as "sista 49876", and "sista fyra 9 8 7 6" as "sista 4 9 8 7 6").
 */
const FOUR = /(?<!\d)(?:\d(?: \d){3,4}|\d{2}[-. ]\d{2}|\d{4,5})(?!\d)/g;

interface Found {
  readonly at: number;
  readonly end: number;
}

type FoundDate = Found & { readonly digits: string };

/** The dates of a text in text order: runs of digits (`811218`), dates written out (`18 december 1981`). */
function dates(text: string): FoundDate[] {
  const compact: FoundDate[] = [];
  for (const match of text.matchAll(DATE)) {
    const [whole, head = '', , month = '', day = ''] = match;
    compact.push({ at: match.index, end: match.index + whole.length, digits: `${head}${month}${day}` });
  }
  return inTextOrder(compact, datesWrittenOut(text));
}

/** Two lists each in text order as one (merged, not sorted: the scan stays linear). */
function inTextOrder(left: readonly FoundDate[], right: readonly FoundDate[]): FoundDate[] {
  const merged: FoundDate[] = [];
  let [fromLeft, fromRight] = [0, 0];
  for (;;) {
    const [next, other] = [left[fromLeft], right[fromRight]];
    if (next !== undefined && (other === undefined || next.at <= other.at)) {
      merged.push(next);
      fromLeft += 1;
    } else if (other !== undefined) {
      merged.push(other);
      fromRight += 1;
    } else return merged;
  }
}

function fours(text: string, within: readonly Found[]): string[][] {
  const found: string[][] = [];
  let date = 0;
  FOUR.lastIndex = 0;
  for (let match = FOUR.exec(text); match !== null; match = FOUR.exec(text)) {
    const at = match.index;
    while (date < within.length && (within[date] as Found).end <= at) date += 1;
    const around = within[date];
    // Digits of a date are the date's: "2025-03-14" holds no "2025" or "03-14" as well, and
    // "18/12 -81 98-76" no "81 98"; the next four is looked for after the date.
    if (around !== undefined && around.at <= at) {
      FOUR.lastIndex = around.end;
      continue;
    }
    const digits = match[0].replace(/\D/g, '');
    found.push(digits.length === 5 ? [digits.slice(0, 4), digits.slice(1)] : [digits]);
  }
  return found;
}

/**
 * A personnummer written as a date and its last four digits with prose between them — in either
 * order — in a text that names it (see {@link CUE}; `cued`: a note before it did): a date (in
 * digits, or written out: `18 december 1981`, `18/12 -81`), and four digits anywhere else, which
 * together spell an identity number whose check digit holds. `text` is one form of the scan
 * (`scanForms`: other digit systems and number words read as ASCII digits), `written` the text as
 * it was sent. Linear in the text's length: the check digit adds over the two parts, so each date
 * is kept by the remainder its four digits must bring, and each four looks up the one remainder it
 * completes — no pair is tried.
 */
export function findIdentityNumberSplitByProse(
  text: string,
  written: string,
  cued = false,
): IdentityKind | undefined {
  // The cue is read as written too: a cue of number words ("sista fyra") is digits in the scan's form.
  if (!cued && !CUE.test(text) && !namesIdentityNumber(written)) return undefined;
  const foundDates = dates(text);
  // By the Luhn remainder of date and zeros (the last ten digits): a date of a valid kind each, a
  // birth date before a day + 60 (`18/12/81` is 811218 day first and 181281 year first).
  const byRemainder: (IdentityKind | undefined)[] = new Array(10).fill(undefined);
  for (const { digits } of foundDates) {
    const kind = kindOfDigits(`${digits}0000`);
    const sum = luhnSum(`${digits.slice(-6)}0000`);
    if (kind !== undefined && sum !== undefined && byRemainder[sum % 10] !== 'personnummer')
      byRemainder[sum % 10] = kind;
  }
  if (byRemainder.every((kind) => kind === undefined)) return undefined;
  for (const candidates of fours(text, foundDates))
    for (const four of candidates) {
      const sum = luhnSum(`000000${four}`);
      const kind = sum === undefined ? undefined : byRemainder[(10 - (sum % 10)) % 10];
      if (kind !== undefined) return kind;
    }
  return undefined;
}
