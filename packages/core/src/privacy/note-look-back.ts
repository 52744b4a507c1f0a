import { normaliseForScan } from './normalise-text.js';
import { type DigitRun, someNumberCluster } from './number-clusters.js';
import { numberTokens } from './number-tokens.js';

/** The most digits of earlier notes, and of the new note, the number look-back reads: a 12-digit personnummer. */
const LOOK_BACK_DIGITS = 12;

/** Whether a UTF-16 unit is the second half of a surrogate pair (a slice must not start there). */
const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * The shortest end of a text whose scan reading is at least `length` characters long (or the
 * whole text): counted as the scan reads it, so marks and invisible characters, which it
 * drops, take no room. Doubles what it takes: linear in what it returns.
 */
export function tailReadAs(text: string, length: number): string {
  for (let take = length; ; take *= 2) {
    if (take >= text.length) return text;
    let from = text.length - take;
    if (isLowSurrogate(text.charCodeAt(from))) from -= 1;
    const tail = text.slice(from);
    if (normaliseForScan(tail).length >= length) return tail;
  }
}

/** How many characters a text reads as, and how many digits the scan reads in it. */
export function readLength(text: string): { readonly characters: number; readonly digits: number } {
  const read = normaliseForScan(text);
  let digits = 0;
  for (let index = 0; index < read.length; index += 1) {
    const code = read.charCodeAt(index);
    if (code >= 48 && code <= 57) digits += 1;
  }
  return { characters: read.length, digits };
}

/**
 * The runs of a number cluster that may be a piece of a number split over notes: two digits
 * or more (`0,5`, `3, 7 och 12` are counts) and part of no date and no time range.
 */
function plainRuns(runs: readonly DigitRun[]): readonly boolean[] {
  const tokens = numberTokens(runs);
  return runs.map(
    (run, index) => run.digits.length >= 2 && tokens.date[index] !== true && tokens.timeRange[index] !== true,
  );
}

/** Runs written back as text, with the separators between them. */
const asText = (runs: readonly DigitRun[]): string =>
  runs.map((run, index) => (index === 0 ? run.digits : `${run.gap}${run.digits}`)).join('');

/**
 * The end of a text's last number (whole digit runs, up to 12 digits, no part of a date or a
 * time range): the start of a number whose end may come in a later note, after any prose.
 */
export function trailingNumber(text: string): string {
  let last: readonly DigitRun[] = [];
  someNumberCluster(normaliseForScan(text), ({ runs }) => {
    last = runs;
    return false;
  });
  const plain = plainRuns(last);
  let digits = 0;
  let from = last.length;
  while (
    from > 0 &&
    plain[from - 1] === true &&
    digits + (last[from - 1]?.digits.length ?? 0) <= LOOK_BACK_DIGITS
  ) {
    from -= 1;
    digits += last[from]?.digits.length ?? 0;
  }
  return asText(last.slice(from));
}

/** The start of a text's first number (whole digit runs, up to 12 digits, no part of a date or a time range). */
export function leadingNumber(text: string): string {
  let first: readonly DigitRun[] = [];
  someNumberCluster(normaliseForScan(text), ({ runs }) => {
    first = runs;
    return true;
  });
  const plain = plainRuns(first);
  let digits = 0;
  let to = 0;
  while (
    to < first.length &&
    plain[to] === true &&
    digits + (first[to]?.digits.length ?? 0) <= LOOK_BACK_DIGITS
  ) {
    digits += first[to]?.digits.length ?? 0;
    to += 1;
  }
  return asText(first.slice(0, to));
}
