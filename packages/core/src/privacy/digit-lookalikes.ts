import { edgeLettersReadAsDigits } from './edge-letter-digits.js';
import { loneLettersReadAsDigits } from './lone-letter-digits.js';

/**
 * Letters written for digits — `O` and `o` for 0, `I`, `l` and `|` for 1 (`8ll2l8-9876`,
 * `O7O-l23 45 67`, `8 l l 2 l 8 - 9 8 7 6`), and the letters of other scripts drawn as the same
 * pixels (Cyrillic `І`, `Ӏ`, `О`, Greek `Ι`, `Ο`, Armenian `Օ`: `8ІІ2І8-9876`) — read as those
 * digits by the scan only, where a reader would read a number: in a chain of words made of
 * digits and such letters only, apart by any punctuation and spaces (as groups of digits are), that holds
 * a digit. Prose keeps its letters: a word with any other letter breaks the chain, a chain needs
 * a digit to be read as a number, and a lone one-letter word between groups of three digits or
 * more is a word to a reader — "0930 o 1300" is two times and an "och", `0930 | 1100` two times —
 * unless it is an `l`, `I` or `O` that completes an identity number (`81121 l - 9873`, see
 * {@link loneLettersReadAsDigits}).
 */
// `O` and `o` are 0, `I`, `l` and `|` are 1: replaced by plain strings, not a callback per letter
// (with a callback per letter, one word four times as long took twenty times as long to read).
const ZEROS = /[Oo]/g;
const ONES = /[Il|]/g;
const asDigits = (word: string): string => word.replace(ZEROS, '0').replace(ONES, '1');
// Cyrillic І Ӏ ӏ О о, Greek Ι Ο ο, Armenian Օ օ, the dental click ǀ and the divides sign ∣, as
// their Latin twins (attack 35). One UTF-16 unit each: positions in the text do not move.
const LATIN_TWIN: Readonly<Record<string, string>> = {
  '\u0406': 'I',
  '\u04c0': 'I',
  '\u04cf': 'l',
  '\u0399': 'I',
  '\u01c0': '|',
  '\u2223': '|',
  '\u041e': 'O',
  '\u043e': 'o',
  '\u039f': 'O',
  '\u03bf': 'o',
  '\u0555': 'O',
  '\u0585': 'o',
  // Lisu ꓲ ꓳ, Coptic Ⲟ ⲟ, runic ᛁ, Tifinagh ⵏ, Latin Ɩ ı, small capital ᴏ, Hebrew paseq ׀ (stop 40).
  '\ua4f2': 'I',
  '\ua4f3': 'O',
  '\u2c9e': 'O',
  '\u2c9f': 'o',
  '\u16c1': 'I',
  '\u2d4f': 'I',
  '\u0196': 'l',
  '\u0131': 'l',
  '\u1d0f': 'o',
  '\u05c0': '|',
  // Coptic Ⲓ, Hangul ㅣ (U+3163, which NFKC makes the vowel U+1175), CJK 丨, Hebrew vav ו, Arabic
  // alef ا; Tifinagh ⵔ, Hebrew samekh ס (stop 40).
  '\u2c92': 'I',
  '\u1175': 'I',
  '\u4e28': 'I',
  '\u05d5': 'I',
  '\u0627': 'I',
  '\u2d54': 'O',
  '\u05e1': 'O',
};
const OTHER_SCRIPT = new RegExp(`[${Object.keys(LATIN_TWIN).join('')}]`, 'gu');
const ANY_LOOKALIKE = new RegExp(`[OoIl|${Object.keys(LATIN_TWIN).join('')}]`, 'u');
// A word is a run of letters (of any script: `öl` and `Он` are no chain) and digits.
const WORD = /[\p{L}\p{N}|]+/gu;
const DIGITS_AND_LOOKALIKES = /^[0-9OoIl|]+$/;
const DIGIT = /[0-9]/;
const LOOKALIKE = /[OoIl|]/;
const CAPITAL_LOOKALIKE = /[OI|]/;
const LOWER_CASE_LOOKALIKE = /[lo]/;
/** Lower-case look-alikes an edge of a glued number holds at most (`telo70`; `llll5` is no number's). */
const EDGE = 2;
const LOWER_CASE = /\p{Ll}/u;
/**
 * An `I` after a run of punctuation longer than this begins prose (`240101 8.15 -- I hemmet`,
 * `08.45 -- I 2022`), as it does after a full stop.
 */
const NEAR = 3;
const ONLY_SPACE = /^\s+$/;
/** A group this long beside a lone one-letter word makes that word prose (`0930 o 1300`). */
const LONG_GROUP = 3;

interface Word {
  readonly at: number;
  readonly text: string;
  /** Lower-case look-alikes glued before a number (`pnrl2O3l5`: `l`), read only if they complete one. */
  readonly head?: string;
  /** The same after it (`pnr81121l-9873`: `l`). */
  readonly tail?: string;
}

/** Whether a chain's word at `index` is a lone one-letter word with only long groups beside it. */
function isLoneLetter(chain: readonly Word[], index: number): boolean {
  if (chain[index]?.text.length !== 1) return false;
  const before = chain[index - 1];
  const after = chain[index + 1];
  return (
    (before === undefined || before.text.length >= LONG_GROUP) &&
    (after === undefined || after.text.length >= LONG_GROUP)
  );
}
/**
 * The number glued to letters in a word (`pnr8ll2l8`, `9873st`): from its first digit to its last,
 * when only digits and look-alikes stand between them, so the letters are a prefix or a suffix —
 * and on over capital look-alikes at either end that border lower-case letters or the word's end
 * (`telO70`, `985Ost`): a capital `O` or `I` in a lower-case word is no letter of it (`ISO9001`
 * keeps its `O`). A lower-case `l` or `o` at an end stays with the letters (`kl10`, `Hotell12`)
 * unless it completes an identity or phone number: the word carries it as its `head` or `tail`.
 */
function gluedNumber(word: Word): Word | undefined {
  const text = word.text;
  let first = text.search(DIGIT);
  if (first < 0) return undefined;
  let last = text.length - 1;
  while (!DIGIT.test(text.charAt(last))) last -= 1;
  if (!DIGITS_AND_LOOKALIKES.test(text.slice(first, last + 1))) return undefined;
  let before = first;
  while (before > 0 && CAPITAL_LOOKALIKE.test(text.charAt(before - 1))) before -= 1;
  if (before === 0 || LOWER_CASE.test(text.charAt(before - 1))) first = before;
  let after = last;
  while (after < text.length - 1 && CAPITAL_LOOKALIKE.test(text.charAt(after + 1))) after += 1;
  if (after === text.length - 1 || LOWER_CASE.test(text.charAt(after + 1))) last = after;
  let head = first;
  while (head > 0 && first - head < EDGE && LOWER_CASE_LOOKALIKE.test(text.charAt(head - 1))) head -= 1;
  let tail = last;
  while (tail < text.length - 1 && tail - last < EDGE && LOWER_CASE_LOOKALIKE.test(text.charAt(tail + 1)))
    tail += 1;
  return {
    at: word.at + first,
    text: text.slice(first, last + 1),
    ...(head < first && { head: text.slice(head, first) }),
    ...(tail > last && { tail: text.slice(last + 1, tail + 1) }),
  };
}

/**
 * The chain with the edges of its glued numbers read where they complete a number (see
 * {@link edgeLettersReadAsDigits}), as one chain or more: a tail that reached its word's end let the
 * chain go on (`pnr81121l-9873`); not read, it ends the chain there, as the letters would have.
 */
function withEdges(chain: readonly Word[]): Word[][] {
  const words = chain.map((word) => word.text);
  const read = [...chain];
  for (const [index, word] of chain.entries()) {
    const { head = '', tail = '' } = word;
    // Edges of one letter first, then longer (`telo70`: the `o`, not `lo`), each with and without the other edge.
    const readings: Word[] = [];
    for (let before = 0; before <= head.length; before += 1)
      for (let after = before === 0 ? 1 : 0; after <= tail.length; after += 1)
        readings.push({
          at: word.at - before,
          text: head.slice(head.length - before) + word.text + tail.slice(0, after),
        });
    const reading = readings.find((candidate) =>
      edgeLettersReadAsDigits(words, index, candidate.text, asDigits),
    );
    if (reading !== undefined) read[index] = reading;
    // A tail that reached its word's end let the chain go on; not read, it ends the chain there.
    const tailRead = reading !== undefined && reading.at + reading.text.length > word.at + word.text.length;
    if (tail !== '' && !tailRead && index < chain.length - 1)
      return [read.slice(0, index + 1), ...withEdges(chain.slice(index + 1))];
  }
  return [read];
}

/** A run between two words that ends a sentence (`850. I 2024`). */
const SENTENCE_END = /[.!?]\s+$/;

/** Whether a chain's word at `index` follows a full stop, or a run of punctuation longer than `NEAR`. */
function beginsSentence(chain: readonly Word[], index: number, latin: string): boolean {
  const word = chain[index] as Word;
  const before = chain[index - 1];
  if (before === undefined) return false;
  const gap = latin.slice(before.at + before.text.length, word.at);
  return gap.length > NEAR || SENTENCE_END.test(gap);
}

/** Whether a chain's last word is an `I` (the Swedish "in") that begins the prose word at `proseAt`. */
function beginsProse(chain: readonly Word[], latin: string, proseAt: number): boolean {
  const [before, last] = chain.slice(-2);
  return (
    before !== undefined &&
    last !== undefined &&
    last.text === 'I' &&
    last.at - (before.at + before.text.length) > NEAR &&
    ONLY_SPACE.test(latin.slice(last.at + 1, proseAt))
  );
}

/** The text with look-alike letters read as digits where they stand for them; the text itself when none do. */
export function withDigitLookalikes(text: string): string {
  if (!DIGIT.test(text) || !ANY_LOOKALIKE.test(text)) return text;
  const latin = text.replace(OTHER_SCRIPT, (letter) => LATIN_TWIN[letter] ?? letter);
  let out = '';
  let from = 0;
  let chain: Word[] = [];
  let chainHasDigit = false;
  // One pass over the words: a chain is read as a number once it ends, if it holds a digit.
  // A chain read as a number: its look-alikes written as digits, but for lone letters that are words.
  const readChain = (part: readonly Word[]) => {
    const lone = part.map((_word, index) => isLoneLetter(part, index));
    // An `I` after a full stop or a long run begins a sentence ("Hyran var 850. I 2024-05 …",
    // `08.45 -- I 2022`): never a digit.
    const sentenceStart = part.map((word, index) => word.text === 'I' && beginsSentence(part, index, latin));
    const spacedOff = loneLettersReadAsDigits(
      part.map((word) => word.text),
      lone.map((isLone, index) => isLone && !sentenceStart[index]),
      asDigits,
    );
    part.forEach((word, index) => {
      if (!LOOKALIKE.test(word.text) || sentenceStart[index] || (lone[index] && !spacedOff[index])) return;
      out += latin.slice(from, word.at) + asDigits(word.text);
      from = word.at + word.text.length;
    });
  };
  // One pass over the words: a chain is read as a number once it ends, if it holds a digit.
  const endChain = () => {
    if (chainHasDigit)
      for (const part of withEdges(chain)) if (part.some((word) => DIGIT.test(word.text))) readChain(part);
    chain = [];
    chainHasDigit = false;
  };
  for (const match of latin.matchAll(WORD)) {
    const word = { at: match.index, text: match[0] };
    if (!DIGITS_AND_LOOKALIKES.test(word.text)) {
      // Letters glued before a number end a chain as a word would; letters glued after it end it next.
      const glued = gluedNumber(word);
      if (glued === undefined || glued.at > word.at) {
        if (beginsProse(chain, latin, word.at)) chain.pop();
        endChain();
      }
      if (glued !== undefined) {
        chain.push(glued);
        chainHasDigit = true;
        // Letters glued after it end the chain — unless they are look-alikes that may be its digits.
        const gluedEnd = glued.at + glued.text.length + (glued.tail?.length ?? 0);
        if (gluedEnd < word.at + word.text.length) endChain();
      }
      continue;
    }
    chain.push(word);
    chainHasDigit ||= DIGIT.test(word.text);
  }
  endChain();
  return from === 0 ? text : out + latin.slice(from);
}

/** Whether a character code is a letter {@link withDigitLookalikes} may read as a digit. */
export const isDigitLookalike = (code: number): boolean =>
  code === 79 || code === 111 || code === 73 || code === 108 || code === 124;
