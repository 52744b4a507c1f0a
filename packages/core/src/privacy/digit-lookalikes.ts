import { type EdgeReading, type EdgeWord, edgeReadings } from './edge-letter-digits.js';
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
const OTHER_SCRIPT_TWINS: Readonly<Record<string, string>> = {
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
  // Latin epigraphic I longa ꟾ and small iota ɩ; Hangul ㅇ (U+3147, which NFKC makes U+110B), Oriya
  // ଠ, Ethiopic ዐ (stop 41).
  '\ua7fe': 'I',
  '\u0269': 'l',
  '\u110b': 'O',
  '\u0b20': 'O',
  '\u12d0': 'O',
};
/**
 * Look-alikes under a mark that NFKC composes with them (`l` and U+0301 are `ĺ`; a mark alone is
 * dropped by the scan): read as the letter beneath. Not `ö`, a Swedish letter (stop 41).
 */
const MARKED_LOOKALIKES: Readonly<Record<string, string>> = Object.fromEntries(
  [...'ĺļľÌÍÎÏĨĪĬĮİÒÓÔÕŌŎŐǑǪòóôõōŏőǒǫ'].map((letter) => [letter, letter.normalize('NFD').charAt(0)]),
);
const LATIN_TWIN: Readonly<Record<string, string>> = { ...OTHER_SCRIPT_TWINS, ...MARKED_LOOKALIKES };
const OTHER_SCRIPT = new RegExp(`[${Object.keys(LATIN_TWIN).join('')}]`, 'gu');
const ANY_LOOKALIKE = new RegExp(`[OoIl|${Object.keys(LATIN_TWIN).join('')}]`, 'u');
// A word is a run of letters (of any script: `öl` and `Он` are no chain) and digits.
const WORD = /[\p{L}\p{N}|]+/gu;
const DIGITS_AND_LOOKALIKES = /^[0-9OoIl|]+$/;
const DIGIT = /[0-9]/;
const LOOKALIKE = /[OoIl|]/;
const CAPITAL_LOOKALIKE = /[OI|]/;
/** Look-alikes at the edge of a glued number that may be its digits or the word's letters (`pnrl2O3l5`, `PNRI2O3I5`). */
const EDGE_LOOKALIKE = /[loIO|]/;
/** Look-alikes an edge holds at most (`pnrlol0l0-1234`). */
const EDGE = 3;
/** What stands between a personnummer's date and serial (`-`, or `+` past a hundred years). */
const DASH_OR_PLUS = /[-+]/;
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
  /** Look-alikes glued before a number (`pnrl2O3l5`: `l`), read only if they complete one. */
  readonly head?: string;
  /** The same after it (`pnr81121l-9873`: `l`). */
  readonly tail?: string;
  /** Whether the head begins the word (`l238st`), so the chain ran on into it from the words before. */
  readonly headStartsWord?: boolean;
  /** Whether the tail ends the word (`pnr81121l`), so the chain ran on from it to the words after. */
  readonly tailEndsWord?: boolean;
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
 * keeps its `O`). Other look-alikes at an end (`l`, `o`, and `I`, `O` beside capitals) stay with
 * the letters (`kl10`, `Hotell12`, `ISO9001`) unless they complete an identity or mobile number:
 * the word carries them as its `head` or `tail`.
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
  while (head > 0 && first - head < EDGE && EDGE_LOOKALIKE.test(text.charAt(head - 1))) head -= 1;
  let tail = last;
  while (tail < text.length - 1 && tail - last < EDGE && EDGE_LOOKALIKE.test(text.charAt(tail + 1)))
    tail += 1;
  return {
    at: word.at + first,
    text: text.slice(first, last + 1),
    ...(head < first && { head: text.slice(head, first), headStartsWord: head === 0 }),
    ...(tail > last && { tail: text.slice(last + 1, tail + 1), tailEndsWord: tail === text.length - 1 }),
  };
}

/** A glued number with the look-alikes of its edges that a reading takes as digits. */
function withEdgeRead(word: Word, { before, after }: EdgeReading): Word {
  const head = word.head ?? '';
  return {
    at: word.at - before,
    text: head.slice(head.length - before) + word.text + (word.tail ?? '').slice(0, after),
  };
}

/**
 * The chain with the edges of its glued numbers read where they complete a number (see
 * {@link edgeReadings}), as one chain or more: an edge that began or ended its word let the chain
 * run on through it (`pnr81121l-9873`, `811218-l238st`); not read, it parts the chain there, as
 * the letters would have.
 */
function withEdges(chain: readonly Word[], latin: string): Word[][] {
  const edges: EdgeWord[] = [];
  chain.forEach((word, index) => {
    if (word.head !== undefined || word.tail !== undefined)
      edges.push({
        index,
        head: word.head ?? '',
        tail: word.tail ?? '',
        headStartsWord: word.headStartsWord === true,
        tailEndsWord: word.tailEndsWord === true,
      });
  });
  if (edges.length === 0) return [[...chain]];
  const dashedBefore = chain.map((word, index) => {
    const before = chain[index - 1];
    return before !== undefined && DASH_OR_PLUS.test(latin.slice(before.at + before.text.length, word.at));
  });
  const chosen = edgeReadings(
    chain.map((word) => word.text),
    edges,
    asDigits,
    dashedBefore,
  );
  const parts: Word[][] = [];
  let part: Word[] = [];
  chain.forEach((word, index) => {
    const edge = chosen.get(index);
    const read = edge === undefined ? word : withEdgeRead(word, edge);
    if (word.headStartsWord === true && read.at === word.at && part.length > 0) {
      parts.push(part);
      part = [];
    }
    part.push(read);
    if (word.tailEndsWord === true && read.at + read.text.length === word.at + word.text.length) {
      parts.push(part);
      part = [];
    }
  });
  if (part.length > 0) parts.push(part);
  return parts;
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
      for (const part of withEdges(chain, latin))
        if (part.some((word) => DIGIT.test(word.text))) readChain(part);
    chain = [];
    chainHasDigit = false;
  };
  for (const match of latin.matchAll(WORD)) {
    const word = { at: match.index, text: match[0] };
    if (!DIGITS_AND_LOOKALIKES.test(word.text)) {
      // Letters glued before a number end a chain as a word would; letters glued after it end it next.
      const glued = gluedNumber(word);
      // Unless look-alikes that may be its digits begin the word (`l238st` after `811218-`).
      if (glued === undefined || (glued.at > word.at && glued.headStartsWord !== true)) {
        if (beginsProse(chain, latin, word.at)) chain.pop();
        endChain();
      }
      if (glued !== undefined) {
        chain.push(glued);
        chainHasDigit = true;
        // Letters glued after it end the chain — unless they are look-alikes that may be its digits.
        if (glued.at + glued.text.length < word.at + word.text.length && glued.tailEndsWord !== true)
          endChain();
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
