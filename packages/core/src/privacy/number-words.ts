// Numbers written in words, as a reader reads them: Swedish number words (with and without
// å) — the units, `nolla`, the teens and tens and their compounds (`åttioett`, `nittioåtta`) —
// English digit words, "streck" for the dash, and CJK numerals, one character a digit.
const UNIT_VALUES: Readonly<Record<string, string>> = {
  noll: '0',
  nolla: '0',
  ett: '1',
  två: '2',
  tva: '2',
  tre: '3',
  fyra: '4',
  fem: '5',
  sex: '6',
  sju: '7',
  åtta: '8',
  atta: '8',
  nio: '9',
};
const TEEN_VALUES: Readonly<Record<string, string>> = {
  tio: '10',
  elva: '11',
  tolv: '12',
  tretton: '13',
  fjorton: '14',
  femton: '15',
  sexton: '16',
  sjutton: '17',
  arton: '18',
  aderton: '18',
  nitton: '19',
};
// The tens, as written and as said (`femti`, `åtti`), with and without å.
const TENS_VALUES: Readonly<Record<string, number>> = {
  tjugo: 20,
  tjugu: 20,
  tjuge: 20,
  trettio: 30,
  tretti: 30,
  fyrtio: 40,
  förtio: 40,
  fortio: 40,
  fyrti: 40,
  förti: 40,
  femtio: 50,
  femti: 50,
  sextio: 60,
  sexti: 60,
  sjuttio: 70,
  sjutti: 70,
  åttio: 80,
  attio: 80,
  åtti: 80,
  atti: 80,
  nittio: 90,
  nitti: 90,
  // English, read in pairs as an English speaker says a number (attack 35): `eighty-one`.
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
// The unit after a tens word: `tjugoett` and `tjugoen` are both said.
/** Swedish units as said after a tens word or before `hundra`. */
const SWEDISH_UNITS: Readonly<Record<string, number>> = {
  ett: 1,
  en: 1,
  två: 2,
  tva: 2,
  tre: 3,
  fyra: 4,
  fem: 5,
  sex: 6,
  sju: 7,
  åtta: 8,
  atta: 8,
  nio: 9,
};
const COMPOUND_UNIT_VALUES: Readonly<Record<string, number>> = {
  ...SWEDISH_UNITS,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
// Hundreds written as one word, as they are said (attack 35): `etthundratjugotre` is 123,
// `nittonhundraåttioett` 1981 — a number before `hundra` (one when none) and a tens, teen or
// unit word after it.
const HUNDRED = 'hundra';
const HUNDRED_COUNTS: Readonly<Record<string, number>> = {
  ...SWEDISH_UNITS,
  tio: 10,
  elva: 11,
  tolv: 12,
  tretton: 13,
  fjorton: 14,
  femton: 15,
  sexton: 16,
  sjutton: 17,
  arton: 18,
  aderton: 18,
  nitton: 19,
};
const ENGLISH_VALUES: Readonly<Record<string, string>> = {
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
// Words read as a digit only next to another number word or a digit: alone they are an
// article (`en`) and an interjection (`oh`).
const RUN_ONLY_VALUES: Readonly<Record<string, string>> = { en: '1', oh: '0' };
const SIGN_VALUES: Readonly<Record<string, string>> = { streck: '-', bindestreck: '-' };

const SINGLE_VALUES: Readonly<Record<string, string>> = {
  ...UNIT_VALUES,
  ...TEEN_VALUES,
  ...ENGLISH_VALUES,
  ...RUN_ONLY_VALUES,
  ...SIGN_VALUES,
};

/** Longest first, so an alternation tries `sjuttio` before `sjutti`. */
const alternation = (words: readonly string[]): string =>
  [...words].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|');

const TENS = alternation(Object.keys(TENS_VALUES));
const COMPOUND_UNITS = alternation(Object.keys(COMPOUND_UNIT_VALUES));
const SINGLES = alternation(Object.keys(SINGLE_VALUES));
const HUNDRED_PREFIXES = alternation(Object.keys(HUNDRED_COUNTS));
const HUNDRED_TAILS = alternation([...Object.keys(TEEN_VALUES), ...Object.keys(COMPOUND_UNIT_VALUES)]);
/** A hundreds word: `hundra`, with a count before it and a tens word (with its unit), a teen or a unit after it. */
const HUNDREDS = `(?:${HUNDRED_PREFIXES})?${HUNDRED}(?:(?:${TENS})(?:${COMPOUND_UNITS})?|${HUNDRED_TAILS})?`;
/** One number word: a hundreds word, a tens word with or without its unit, or any other. No repetition: linear. */
const WORD = `(?:${HUNDREDS}|(?:${TENS})(?:${COMPOUND_UNITS})?|${SINGLES})`;
const WORD_END = '(?![\\p{L}\\p{N}])';
// One word, and the spaces, commas or dashes after it when another number word follows: a run
// of words reads as one number ("noll sju noll, ett två tre" is 070123). Bounded repetition
// and literal alternatives only: linear.
const NUMBER_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(${WORD})${WORD_END}([ ,\\-]{1,3}(?=(${WORD})${WORD_END}))?`,
  'giu',
);
// A tens word, then a unit word apart from it (`åttio ett`): 81 to a reader, or 80 and 1.
const SPACED_TENS_AND_UNIT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${TENS})[ ,\\-]{1,3}(?:${COMPOUND_UNITS})${WORD_END}`,
  'iu',
);

/** Whether a text holds a tens word followed by a unit word apart from it (`åttio ett`). */
export const hasSpacedTensAndUnit = (text: string): boolean => SPACED_TENS_AND_UNIT.test(text);
// "minus" and "plus" between digits are the dash and the plus of a personnummer.
const SPOKEN_SIGN = /(?<=\d) ?(minus|plus) ?(?=\d)/giu;
const CJK_NUMERAL = /[〇零一二三四五六七八九]/gu;
const CJK_VALUES = '〇零一二三四五六七八九';

/**
 * Whether a text may hold a number word other than `en` and `oh` (which are read only next to
 * another, or to a digit): a cheap test before the replacements.
 */
const MIGHT_HOLD =
  /noll|ett|tv|tre|fyra|fem|sex|sju|tta|nio|tio|elva|tolv|ton|tjug|tti|rti|hundra|streck|minus|plus|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty(?!\p{L})|[〇零一二三四五六七八九]|\d[ ,-]{0,3}(?:en|oh)|(?:en|oh)[ ,-]{0,3}\d/iu;

/**
 * Whether a plain ASCII text may hold a number word or a spoken sign the scan reads as digits
 * (the start of one, written without å): for the guard's fast path, which skips a text with
 * too few digits.
 */
export const MIGHT_SPELL_NUMBER = new RegExp(
  `(?<![a-z0-9])(?:${alternation([...Object.keys(SINGLE_VALUES), ...Object.keys(TENS_VALUES), HUNDRED].filter((word) => /^[a-z]+$/.test(word) && word !== 'en' && word !== 'oh'))}|minus|plus)`,
  'i',
);

/** The digits a number word stands for (a tens word with its unit as two digits). */
function digitsOfWord(word: string): string {
  const lower = word.toLowerCase();
  const hundred = lower.indexOf(HUNDRED);
  if (hundred !== -1) {
    const count = hundred === 0 ? 1 : HUNDRED_COUNTS[lower.slice(0, hundred)];
    const tail = lower.slice(hundred + HUNDRED.length);
    const rest = tail === '' ? 0 : Number(digitsOfWord(tail));
    if (count !== undefined && !Number.isNaN(rest)) return String(count * 100 + rest);
  }
  const single = SINGLE_VALUES[lower];
  if (single !== undefined) return single;
  for (const [tens, value] of Object.entries(TENS_VALUES)) {
    if (!lower.startsWith(tens)) continue;
    const unit = lower.length === tens.length ? 0 : COMPOUND_UNIT_VALUES[lower.slice(tens.length)];
    if (unit !== undefined) return String(value + unit);
  }
  return word;
}

/** Whether the characters around a match, past up to three separators, include a digit on that side. */
function digitBeside(text: string, from: number, step: 1 | -1): boolean {
  for (let at = from, seen = 0; at >= 0 && at < text.length && seen <= 3; at += step, seen += 1) {
    const character = text.charAt(at);
    if (character >= '0' && character <= '9') return true;
    if (character !== ' ' && character !== ',' && character !== '-') return false;
  }
  return false;
}

/**
 * A text with its number words and CJK numerals written as digits (for the scan only). With
 * `tensTakeUnit`, a tens word followed by a unit word apart from it reads as one number
 * (`åttio ett` is 81); without, as two (80 1).
 */
export function withNumberWordsAsDigits(text: string, tensTakeUnit = false): string {
  if (!MIGHT_HOLD.test(text)) return text;
  // Where the last number word's run continues (its separator eaten): a run-only word there
  // follows another number word.
  let runContinuesAt = -1;
  return text
    .replace(
      NUMBER_WORD,
      (
        match: string,
        word: string,
        separator: string | undefined,
        next: string | undefined,
        offset: number,
      ) => {
        const preceded = offset === runContinuesAt || digitBeside(text, offset - 1, -1);
        const followed = separator !== undefined || digitBeside(text, offset + match.length, 1);
        runContinuesAt = separator !== undefined ? offset + match.length : -1;
        const lower = word.toLowerCase();
        if (RUN_ONLY_VALUES[lower] !== undefined && !preceded && !followed) return match;
        const value = digitsOfWord(word);
        // A comma parts the tens from the unit (`seventy, one` is 70 1 in both readings).
        if (
          tensTakeUnit &&
          TENS_VALUES[lower] !== undefined &&
          next !== undefined &&
          !separator?.includes(',')
        ) {
          if (COMPOUND_UNIT_VALUES[next.toLowerCase()] !== undefined) return value.slice(0, 1);
        }
        return value;
      },
    )
    .replace(SPOKEN_SIGN, (_match, sign: string) => (sign.toLowerCase() === 'minus' ? '-' : '+'))
    .replace(CJK_NUMERAL, (numeral) => String(Math.max(0, CJK_VALUES.indexOf(numeral) - 1)));
}
