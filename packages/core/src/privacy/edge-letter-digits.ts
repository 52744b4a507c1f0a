import { kindOfDigits } from './identity-numbers.js';
import { passesLuhn } from './luhn.js';
import { isValidSwedishNumber } from './phone-metadata.js';

/** An identity number's digits, short (`YYMMDDNNNN`) and long (`YYYYMMDDNNNN`). */
const SHORT = 10;
const LONG = 12;
/** A Swedish mobile number, written nationally: 07 and eight digits. */
const MOBILE = /^07\d{8}$/;
/**
 * How an identity number is written in groups (`811218-9876`, `19811218-9876`, or whole) and a
 * mobile number (`070-123 45 67`, `070-1234567`, `070 123 4567`, or whole): a reading of edge
 * letters must give the groups one of these shapes, so numbers that happen to spell the digits in
 * other groups (`Porto780-070 886`, `Info7372-262 80`) stay prose.
 */
const IDENTITY_SHAPES = new Set(['10', '12', '6,4', '8,4']);
const MOBILE_SHAPES = new Set(['10', '3,7', '3,3,2,2', '3,3,4']);
/** The most groups a shape has. */
const MOST_GROUPS = 4;
/** Look-alike letters in a word as written. */
const LOOKALIKE = /[OoIl|]/;

/** Whether digits spell exactly an identity number: a date, a serial and a check digit that holds. */
export function spellsIdentityNumber(digits: string): boolean {
  return (
    (digits.length === SHORT || digits.length === LONG) &&
    kindOfDigits(digits) !== undefined &&
    passesLuhn(digits.slice(-SHORT))
  );
}

/**
 * Whether groups of digits are an identity number or a mobile number, written as one is, with a
 * dash (or a plus) after its first group (`pnrl2O3l5-1236`, `telo70-123 45 67`) or look-alikes
 * inside its words (`pnrl2O3l5 1236`, `telo7O1234567`): a word ending in `l` glued to five digits
 * and four more (`stol80323 7930 kr`) is an amount as often, one ending in `o` glued to 7x and
 * more (`Radio73 078 53 77`, `kvitto704270763`) a number of another kind.
 */
function spellsNumberInShape(groups: readonly string[], dashed: boolean, disguised: boolean): boolean {
  const shape = groups.map((group) => group.length).join(',');
  if (!dashed && !disguised) return false;
  const identity = IDENTITY_SHAPES.has(shape);
  if (!identity && !MOBILE_SHAPES.has(shape)) return false;
  const digits = groups.join('');
  if (identity && spellsIdentityNumber(digits)) return true;
  return MOBILE_SHAPES.has(shape) && MOBILE.test(digits) && isValidSwedishNumber(digits.slice(1));
}

/** A chain word with look-alike letters at its edge, and its readings with them (fewest letters first). */
export interface EdgeWord {
  readonly index: number;
  readonly readings: readonly string[];
}

/**
 * Which readings of a chain's edge words (`pnrl2O3l5-1236`: the `l` before 2O3l5) make it spell a
 * number (`dashedBefore[i]`: a dash or a plus stands between words i − 1 and i): a run of up to
 * four of its words, holding an edge read, whose groups are an identity number (a date, a
 * serial, a check digit that holds) or a mobile number, in the shape one is written in. Edges of two words are tried together only in a chain of at most four words (no
 * run holds both otherwise), so the look stays linear. `undefined`: no reading spells one — the
 * letters are the words' (`kl10` is "kl 10", `Hotell12` a room).
 */
export function edgeReadings(
  words: readonly string[],
  edges: readonly EdgeWord[],
  asDigits: (word: string) => string,
  dashedBefore: readonly boolean[],
): ReadonlyMap<number, string> | undefined {
  // Too few digits for any number, whatever the edges read (most chains): nothing to try.
  let most = 0;
  for (const word of words) most += word.length;
  for (const edge of edges)
    most += Math.max(...edge.readings.map((text) => text.length)) - (words[edge.index] as string).length;
  if (most < SHORT) return undefined;
  const plain = words.map(asDigits);
  const disguised = words.map((word) => LOOKALIKE.test(word));
  const digitsOf = new Map<string, string>();
  for (const edge of edges) for (const text of edge.readings) digitsOf.set(text, asDigits(text));
  const spellsWith = (chosen: ReadonlyMap<number, string>): boolean => {
    const groupAt = (index: number): string => {
      const reading = chosen.get(index);
      return reading === undefined ? (plain[index] as string) : (digitsOf.get(reading) as string);
    };
    for (const index of chosen.keys())
      for (let first = Math.max(0, index - MOST_GROUPS + 1); first <= index; first += 1) {
        let length = 0;
        for (let last = first; last < Math.min(words.length, first + MOST_GROUPS); last += 1) {
          length += groupAt(last).length;
          if (length > LONG) break;
          // Only whole numbers' lengths are worth a look (most runs are neither).
          if (last < index || (length !== SHORT && length !== LONG)) continue;
          const run: string[] = [];
          for (let at = first; at <= last; at += 1) run.push(groupAt(at));
          const dashed = dashedBefore[first + 1] === true;
          if (spellsNumberInShape(run, dashed, disguised.slice(first, last + 1).includes(true))) return true;
        }
      }
    return false;
  };
  const chosen = new Map<number, string>();
  for (const edge of edges) {
    const reading = edge.readings.find((text) => spellsWith(new Map([[edge.index, text]])));
    if (reading !== undefined) chosen.set(edge.index, reading);
  }
  if (chosen.size > 0) return chosen;
  if (words.length > MOST_GROUPS || edges.length < 2) return undefined;
  const [first, second] = edges as [EdgeWord, EdgeWord];
  for (const one of first.readings)
    for (const other of second.readings) {
      const chosen = new Map([
        [first.index, one],
        [second.index, other],
      ]);
      if (spellsWith(chosen)) return chosen;
    }
  return undefined;
}
