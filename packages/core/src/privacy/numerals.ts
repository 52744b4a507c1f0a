/**
 * Number characters that are neither decimal digits nor decomposed to digits by NFKC (❶, ➀, ➊,
 * ⓵, 〇, …): a reader reads them as digits, so the scan must too. Each range counts up from
 * its first value (❿ is 10).
 */
const NUMERAL_RANGES: readonly (readonly [first: number, last: number, firstValue: number])[] = [
  [0x1369, 0x1371, 1], // Ethiopic digits
  [0x24eb, 0x24f4, 11], // negative circled 11–20
  [0x24f5, 0x24fe, 1], // double circled 1–10
  [0x24ff, 0x24ff, 0], // negative circled zero
  [0x2776, 0x277f, 1], // dingbat negative circled 1–10
  [0x2780, 0x2789, 1], // dingbat circled sans-serif 1–10
  [0x278a, 0x2793, 1], // dingbat negative circled sans-serif 1–10
  [0x3007, 0x3007, 0], // ideographic number zero
  [0x3021, 0x3029, 1], // Hangzhou numerals
  [0x10107, 0x1010f, 1], // Aegean numbers
  [0x16e80, 0x16e93, 0], // Medefaidrin digits
  [0x1d2c0, 0x1d2d3, 0], // Kaktovik numerals
  [0x1d2e0, 0x1d2f3, 0], // Mayan numerals
  [0x1d360, 0x1d368, 1], // counting rod units
  [0x1f10b, 0x1f10b, 0], // dingbat circled sans-serif zero
  [0x1f10c, 0x1f10c, 0], // dingbat negative circled sans-serif zero
];

/**
 * What the scan reads for a number character of no known digit value: a digit it cannot
 * read. A run holding one is judged by its shape alone (see `findUnknownDigitNumber`). A
 * private-use character: one written as such is read as this too, which only refuses more.
 */
export const UNKNOWN_DIGIT = '\ue000';

const NUMBER = /\p{N}/u;

/** The digits a number character (after NFKC, not a decimal digit) stands for, `UNKNOWN_DIGIT`, or undefined if it is no number. */
export function numeralValue(character: string): string | undefined {
  if (!NUMBER.test(character)) return undefined;
  const code = character.codePointAt(0) ?? 0;
  for (const [first, last, firstValue] of NUMERAL_RANGES)
    if (code >= first && code <= last) return String(firstValue + code - first);
  return UNKNOWN_DIGIT;
}
