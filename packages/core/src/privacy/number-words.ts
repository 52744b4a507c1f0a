// Numbers written in words, as a reader reads them: Swedish number words (with and without
// å) and "streck" for the dash, and CJK numerals, one character a digit.
const WORD_VALUES: Readonly<Record<string, string>> = {
  noll: '0',
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
  streck: '-',
  bindestreck: '-',
};
const WORDS = Object.keys(WORD_VALUES).join('|');
const WORD_END = '(?![\\p{L}\\p{N}])';
// One word, and the spaces, commas or dashes after it when another number word follows: a run
// of words reads as one number ("noll sju noll, ett två tre" is 070123). Bounded repetition
// and literal alternatives only: linear.
const NUMBER_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}])(${WORDS})${WORD_END}(?:[ ,\\-]{1,3}(?=(?:${WORDS})${WORD_END}))?`,
  'giu',
);
const CJK_NUMERAL = /[〇零一二三四五六七八九]/gu;
const CJK_VALUES = '〇零一二三四五六七八九';
/** Whether a text may hold a number word: a cheap test before the replacements. */
const MIGHT_HOLD = /noll|ett|tv|tre|fyra|fem|sex|sju|tta|nio|streck|[〇零一二三四五六七八九]/iu;

/** A text with its number words and CJK numerals written as digits (for the scan only). */
export function withNumberWordsAsDigits(text: string): string {
  if (!MIGHT_HOLD.test(text)) return text;
  return text
    .replace(NUMBER_WORD, (_match, word: string) => WORD_VALUES[word.toLowerCase()] ?? word)
    .replace(CJK_NUMERAL, (numeral) => String(Math.max(0, CJK_VALUES.indexOf(numeral) - 1)));
}
