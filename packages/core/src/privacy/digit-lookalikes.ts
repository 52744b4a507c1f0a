/**
 * Letters written for digits — `O` and `o` for 0, `I`, `l` and `|` for 1 (`8ll2l8-9876`,
 * `O7O-l23 45 67`) — read as those digits by the scan only, where a reader would read a number:
 * in a word of digits and such letters that holds a digit, and in a word of two such letters or
 * more right beside one (`811218-lOlO`). Prose keeps its letters: a word needs a digit, or a
 * digit word beside it, to be read as a number.
 */
const VALUE: Readonly<Record<string, string>> = { O: '0', o: '0', I: '1', l: '1', '|': '1' };
const WORD = /[0-9A-Za-z|]+/g;
const DIGITS_AND_LOOKALIKES = /^[0-9OoIl|]+$/;
const LOOKALIKES_ONLY = /^[OoIl|]{2,}$/;
const DIGIT = /[0-9]/;
const LOOKALIKE = /[OoIl|]/;
const LOOKALIKE_GLOBAL = /[OoIl|]/g;
/** At most this many characters between a word of letters only and the digit word it joins. */
const NEAR = 3;

/** The text with look-alike letters read as digits where they stand for them; the text itself when none do. */
export function withDigitLookalikes(text: string): string {
  if (!LOOKALIKE.test(text) || !DIGIT.test(text)) return text;
  const words = [...text.matchAll(WORD)].map((match) => ({
    at: match.index,
    text: match[0],
    digits: DIGITS_AND_LOOKALIKES.test(match[0]) && DIGIT.test(match[0]),
  }));
  const read = words.map((word, index) => {
    if (word.digits) return LOOKALIKE.test(word.text);
    if (!LOOKALIKES_ONLY.test(word.text)) return false;
    const before = words[index - 1];
    const after = words[index + 1];
    return (
      (before?.digits === true && word.at - (before.at + before.text.length) <= NEAR) ||
      (after?.digits === true && after.at - (word.at + word.text.length) <= NEAR)
    );
  });
  if (!read.includes(true)) return text;
  let out = '';
  let from = 0;
  words.forEach((word, index) => {
    if (!read[index]) return;
    out +=
      text.slice(from, word.at) + word.text.replace(LOOKALIKE_GLOBAL, (letter) => VALUE[letter] ?? letter);
    from = word.at + word.text.length;
  });
  return out + text.slice(from);
}

/** Whether a character code is a letter {@link withDigitLookalikes} may read as a digit. */
export const isDigitLookalike = (code: number): boolean =>
  code === 79 || code === 111 || code === 73 || code === 108 || code === 124;
