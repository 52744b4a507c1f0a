import { spellsIdentityNumber } from './identity-numbers.js';

/** An identity number's longest run of digits (`YYYYMMDDNNNN`). */
const LONG = 12;
/** `l`, `I` and `O` a reader may take for a digit alone; `o` is "och" and `|` a separator to one. */
const DIGIT_LIKE = /^[IlO]$/;

/**
 * Which lone one-letter words of a chain (`lone[i]`) are a digit spaced off (`81121 l - 9873`):
 * those in a run of consecutive words that, its letters read as digits, spells exactly an
 * identity number — a date, its serial and a check digit that holds — with a lone `l`, `I` or `O` in
 * it. Times and counts joined by a word (`0930 o 1300`, `0930 | 1100 | 1300`) spell none, nor
 * does a run whose lone letter is `o` or `|`; a run is 12 digits at most, so the look stays linear.
 * The price: a six-digit date, a lone `l` and a three-digit amount (`170 l 240101`) pass the check
 * digit one time in ten, and are refused then.
 */
export function loneLettersReadAsDigits(
  words: readonly string[],
  lone: readonly boolean[],
  asDigits: (word: string) => string,
): readonly boolean[] {
  const read = words.map(() => false);
  if (!words.some((word, index) => lone[index] === true && DIGIT_LIKE.test(word))) return read;
  for (let first = 0; first < words.length; first += 1) {
    let digits = '';
    let digitLike = false;
    for (let last = first; last < words.length && digits.length < LONG; last += 1) {
      digits += asDigits(words[last] as string);
      digitLike ||= lone[last] === true && DIGIT_LIKE.test(words[last] as string);
      if (digitLike && spellsIdentityNumber(digits))
        for (let at = first; at <= last; at += 1) read[at] = true;
    }
  }
  return read;
}
