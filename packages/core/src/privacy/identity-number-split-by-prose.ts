import { type IdentityKind, kindOfDigits, spellsIdentityNumber } from './identity-numbers.js';

/**
 * Words that say a number in the text is a personal identity number, or its last four digits
 * ("pnr 811218, sista fyra 9876"). Only with one of them does the scan join a date and a
 * four-digit group that prose keeps apart: without it, such a pair is as often a date and a time
 * of day ("Möte 250314, rum 1030"), and one in ten would pass the check digit (attack 35 (f)).
 */
const CUE =
  /(?<![\p{L}\p{N}])(?:person(?:nummer|numret|nr)|pers\.? ?nr|p-?nr|samordningsnumm(?:er|ret)|id-?nummer|sista fyra|fyra sista|last four|personal (?:identity )?number)(?![\p{L}])/iu;

/** Date runs held while scanning: a note is short, and a writer puts the date before the four digits. */
const DATES_KEPT = 8;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * A personnummer written as a date and its last four digits with prose between them, in a text
 * that names it (see {@link CUE}): a run of 6 or 8 digits, then — anywhere later — four digits
 * (a run of four, or the first or last four of a run of five), which together spell an identity
 * number whose check digit holds. `text` is one
 * form of the scan (`scanForms`: other digit systems and number words already read as ASCII
 * digits), `written` the text as it was sent. Linear in the text's length.
 */
export function findIdentityNumberSplitByProse(text: string, written: string): IdentityKind | undefined {
  // The cue is read as written too: number words in it ("sista fyra") are digits in the scan's form.
  if (!CUE.test(text) && !CUE.test(written)) return undefined;
  const dates: string[] = [];
  let index = 0;
  while (index < text.length) {
    if (!isDigit(text.charCodeAt(index))) {
      index += 1;
      continue;
    }
    const start = index;
    while (index < text.length && isDigit(text.charCodeAt(index))) index += 1;
    const run = text.slice(start, index);
    // The four digits may be glued to one more by the scan's reading of number words ("sista
    // fyra nio åtta sju sex" reads "sista 49876"): the first and the last four of a run of five too.
    const fours = run.length === 4 ? [run] : run.length === 5 ? [run.slice(0, 4), run.slice(1)] : [];
    for (const four of fours)
      for (const date of dates)
        if (spellsIdentityNumber(`${date}${four}`)) return kindOfDigits(`${date}${four}`);
    if (run.length === 6 || run.length === 8) {
      dates.push(run);
      if (dates.length > DATES_KEPT) dates.shift();
    }
  }
  return undefined;
}
