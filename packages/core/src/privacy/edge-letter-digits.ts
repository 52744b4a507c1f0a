import { spellsIdentityNumber } from './identity-numbers.js';
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
const IDENTITY_SHAPES = new Set(['10', '12', '6,4', '8,4', '2,2,2,4', '4,2,2,4']);
const MOBILE_SHAPES = new Set(['10', '3,7', '3,3,2,2', '3,3,4']);
/** The most groups a shape has. */
const MOST_GROUPS = 4;
/** A year of a date in a note: 1900–2039. */
const YEAR = /^(19\d\d|20[0-3]\d)$/;
/** Look-alike letters in a word as written. */
const LOOKALIKE = /[OoIl|]/;
const CAPITAL_LOOKALIKE = /[IO|]/;

/**
 * Whether groups of digits are an identity number or a mobile number, written as one is, with a
 * dash (or a plus) between two of its groups (`pnrl2O3l5-1236`, `telo70-123 45 67`) or look-alikes
 * inside its words (`pnrl2O3l5 1236`, `telo7O1234567`): a word ending in `l` glued to five digits
 * and four more (`stol80323 7930 kr`) is an amount as often, one ending in `o` glued to 7x and
 * more (`Radio73 078 53 77`, `kvitto704270763`) a number of another kind.
 */
function spellsNumberInShape(groups: readonly string[], dashed: boolean, disguised: boolean): boolean {
  const shape = groups.map((group) => group.length).join(',');
  if (!dashed && !disguised) return false;
  // Undisguised, a last group that is a year is one (`Protokoll50112-2020`), as a serial rarely is.
  const identity =
    IDENTITY_SHAPES.has(shape) && (disguised || groups.length === 1 || !YEAR.test(groups.at(-1) ?? ''));
  if (!identity && !MOBILE_SHAPES.has(shape)) return false;
  const digits = groups.join('');
  if (identity && spellsIdentityNumber(digits)) return true;
  // A mobile after a dash is spaced as phones are (`telo70-123 45 67`); `Konto70-8704153` is an account.
  const spacedAsPhone = shape === '3,3,2,2' || shape === '3,3,4';
  return (
    MOBILE_SHAPES.has(shape) &&
    (disguised || spacedAsPhone) &&
    MOBILE.test(digits) &&
    isValidSwedishNumber(digits.slice(1))
  );
}

/** A chain word with look-alikes glued before (`head`) or after (`tail`) it, that may be its digits. */
export interface EdgeWord {
  readonly index: number;
  readonly head: string;
  readonly tail: string;
  /** Whether the head begins its word and the tail ends it: no letters beyond them (`070-l234567st`). */
  readonly headStartsWord: boolean;
  readonly tailEndsWord: boolean;
}

/** How many of an edge word's look-alikes are read as digits: the last `before` of its head, the first `after` of its tail. */
export interface EdgeReading {
  readonly before: number;
  readonly after: number;
}

/**
 * Which readings of a chain's edge words (`pnrl2O3l5-1236`: the `l` before 2O3l5) make it spell a
 * number (`dashedBefore[i]`: a dash or a plus stands between words i − 1 and i): a run of up to
 * four of its words, holding the edge read, whose groups are an identity number (a date, a
 * serial, a check digit that holds) or a mobile number, in the shape one is written in, with a
 * dash between its groups or a disguise (look-alikes inside its words, or an edge that is one:
 * see {@link Reading}). A weak edge — two letters or more on a side, or capitals — needs
 * the disguise: Swedish words end in `ll`, `ol` and `oll` (`fotboll1120-1230`,
 * `Protokoll108-2020`), and references are written in capitals (`PO77-698 5238`). Readings with
 * the fewest letters are tried first; each edge is read on its own (one that only reads with
 * another's, `pnr81121l-106ost`, is not), so the look stays short. Words without a reading keep
 * their letters (`kl10` is "kl 10", `Hotell12` a room).
 */
export function edgeReadings(
  words: readonly string[],
  edges: readonly EdgeWord[],
  asDigits: (word: string) => string,
  dashedBefore: readonly boolean[],
): ReadonlyMap<number, EdgeReading> {
  const chosen = new Map<number, EdgeReading>();
  // Too few digits for any number, whatever the edges read (most chains): nothing to try.
  let most = 0;
  for (const word of words) most += word.length;
  for (const edge of edges) most += edge.head.length + edge.tail.length;
  if (most < SHORT) return chosen;
  const chain: Chain = {
    words,
    plain: words.map(asDigits),
    disguised: words.map((word) => LOOKALIKE.test(word)),
    dashedBefore,
  };
  for (const { index, head, tail, headStartsWord, tailEndsWord } of edges) {
    const word = words[index] as string;
    const useful = usefulLengths(words, index);
    search: for (let letters = 1; letters <= head.length + tail.length; letters += 1) {
      if (!useful.includes(word.length + letters)) continue;
      for (
        let before = Math.min(letters, head.length);
        before >= 0 && letters - before <= tail.length;
        before -= 1
      ) {
        const after = letters - before;
        const edge = head.slice(head.length - before) + tail.slice(0, after);
        const reading = {
          index,
          read: asDigits(head.slice(head.length - before) + word + tail.slice(0, after)),
          weak: before > 1 || after > 1 || CAPITAL_LOOKALIKE.test(edge),
          disguised: (before > 0 && (after > 0 || headStartsWord)) || (after > 0 && tailEndsWord),
        };
        if (spellsWith(chain, reading)) {
          chosen.set(index, { before, after });
          break search;
        }
      }
    }
  }
  return chosen;
}

/** A chain as {@link edgeReadings} looks at it. */
interface Chain {
  readonly words: readonly string[];
  /** Each word's digits, its look-alikes read. */
  readonly plain: readonly string[];
  /** Whether each word holds a look-alike inside. */
  readonly disguised: readonly boolean[];
  readonly dashedBefore: readonly boolean[];
}

/**
 * One reading of an edge word: its digits, whether its edge is weak, and whether the reading is a
 * disguise in itself — look-alikes on both sides (`mobo7o-1234567`), or an edge with no letters
 * beyond it (`070-l234567st`, `811218-987o`), where a word's own ending (`Konto70-`) is not.
 */
interface Reading {
  readonly index: number;
  readonly read: string;
  readonly weak: boolean;
  readonly disguised: boolean;
}

/** The lengths a reading of word `index` must have for a run through it to hold 10 or 12 digits. */
function usefulLengths(words: readonly string[], index: number): number[] {
  const lengths: number[] = [];
  for (let first = Math.max(0, index - MOST_GROUPS + 1); first <= index; first += 1) {
    let others = 0;
    for (let last = first; last < Math.min(words.length, first + MOST_GROUPS); last += 1) {
      if (last !== index) others += (words[last] as string).length;
      if (last >= index) lengths.push(SHORT - others, LONG - others);
    }
  }
  return lengths;
}

/** Whether a run of the chain through the reading's word, read so, spells a number. */
function spellsWith(chain: Chain, { index, read, weak, disguised: edgeDisguised }: Reading): boolean {
  const { words, plain, disguised, dashedBefore } = chain;
  for (let first = Math.max(0, index - MOST_GROUPS + 1); first <= index; first += 1) {
    let length = 0;
    for (let last = first; last < Math.min(words.length, first + MOST_GROUPS); last += 1) {
      length += last === index ? read.length : (plain[last] as string).length;
      if (length > LONG) break;
      // Only whole numbers' lengths are worth a look (most runs are neither).
      if (last < index || (length !== SHORT && length !== LONG)) continue;
      const inside = edgeDisguised || disguised.slice(first, last + 1).includes(true);
      if (weak && !inside) continue;
      const run: string[] = [];
      for (let at = first; at <= last; at += 1) run.push(at === index ? read : (plain[at] as string));
      const dashed = dashedBefore.slice(first + 1, last + 1).includes(true);
      if (spellsNumberInShape(run, dashed, inside)) return true;
    }
  }
  return false;
}
