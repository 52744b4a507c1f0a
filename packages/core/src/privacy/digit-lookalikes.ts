/**
 * Letters written for digits — `O` and `o` for 0, `I`, `l` and `|` for 1 (`8ll2l8-9876`,
 * `O7O-l23 45 67`, `8 l l 2 l 8 - 9 8 7 6`) — read as those digits by the scan only, where a
 * reader would read a number: in a chain of words made of digits and such letters only, each
 * the next within a few characters of the last, that holds a digit. Prose keeps its letters: a
 * word with any other letter breaks the chain, and a chain needs a digit to be read as a number.
 */
const VALUE: Readonly<Record<string, string>> = { O: '0', o: '0', I: '1', l: '1', '|': '1' };
const WORD = /[0-9A-Za-z|]+/g;
const DIGITS_AND_LOOKALIKES = /^[0-9OoIl|]+$/;
const DIGIT = /[0-9]/;
const LOOKALIKE = /[OoIl|]/;
const LOOKALIKE_GLOBAL = /[OoIl|]/g;
/** At most this many characters between two words of one chain (`811218 - lOlO`). */
const NEAR = 3;

interface Word {
  readonly at: number;
  readonly text: string;
}

/** The text with look-alike letters read as digits where they stand for them; the text itself when none do. */
export function withDigitLookalikes(text: string): string {
  if (!LOOKALIKE.test(text) || !DIGIT.test(text)) return text;
  let out = '';
  let from = 0;
  let chain: Word[] = [];
  let chainHasDigit = false;
  // One pass over the words: a chain is read as a number once it ends, if it holds a digit.
  const endChain = () => {
    if (chainHasDigit)
      for (const word of chain) {
        if (!LOOKALIKE.test(word.text)) continue;
        out +=
          text.slice(from, word.at) +
          word.text.replace(LOOKALIKE_GLOBAL, (letter) => VALUE[letter] ?? letter);
        from = word.at + word.text.length;
      }
    chain = [];
    chainHasDigit = false;
  };
  for (const match of text.matchAll(WORD)) {
    const word = { at: match.index, text: match[0] };
    if (!DIGITS_AND_LOOKALIKES.test(word.text)) {
      endChain();
      continue;
    }
    const last = chain.at(-1);
    if (last !== undefined && word.at - (last.at + last.text.length) > NEAR) endChain();
    chain.push(word);
    chainHasDigit ||= DIGIT.test(word.text);
  }
  endChain();
  return from === 0 ? text : out + text.slice(from);
}

/** Whether a character code is a letter {@link withDigitLookalikes} may read as a digit. */
export const isDigitLookalike = (code: number): boolean =>
  code === 79 || code === 111 || code === 73 || code === 108 || code === 124;
