import { kindOfDigits } from './identity-numbers.js';
import { passesLuhn } from './luhn.js';
import { isValidSwedishNumber } from './phone-metadata.js';

/** An identity number's digits, short (`YYMMDDNNNN`) and long (`YYYYMMDDNNNN`). */
const SHORT = 10;
const LONG = 12;
/** A Swedish mobile number, written nationally: 07 and eight digits. */
const MOBILE = /^07\d{8}$/;

/** Whether digits spell exactly an identity number: a date, a serial and a check digit that holds. */
export function spellsIdentityNumber(digits: string): boolean {
  return (
    (digits.length === SHORT || digits.length === LONG) &&
    kindOfDigits(digits) !== undefined &&
    passesLuhn(digits.slice(-SHORT))
  );
}

/**
 * Whether digits are a valid Swedish mobile number. Only mobiles: `o` before a number glued to a
 * word (`rio2024 0930`, `Kvitto12 345678`) spelled numbers of other types too often.
 */
const spellsMobileNumber = (digits: string): boolean =>
  MOBILE.test(digits) && isValidSwedishNumber(digits.slice(1));

/**
 * Whether the lower-case look-alikes at the edge of a number glued to a word (`pnrl2O3l5-1236`:
 * the `l` before 2O3l5) are digits: only when the chain's words, with `words[index]` read as
 * `extended`, have a run through that word that spells exactly an identity number (`l2O3l5 1236`
 * is 120315-1236), or a run from that word that spells a Swedish mobile number (`telo70-123 45 67`). Otherwise the letters are the word's (`kl10` is "kl 10", `Hotell12` a room). Runs are of
 * 12 digits at most, so the look stays linear in the chain.
 */
export function edgeLettersReadAsDigits(
  words: readonly string[],
  index: number,
  extended: string,
  asDigits: (word: string) => string,
): boolean {
  for (let first = Math.max(0, index - LONG); first <= index; first += 1) {
    let digits = '';
    for (let last = first; last < words.length && digits.length < LONG; last += 1) {
      digits += asDigits(last === index ? extended : (words[last] as string));
      if (last < index) continue;
      if (spellsIdentityNumber(digits)) return true;
      if (first === index && spellsMobileNumber(digits)) return true;
    }
  }
  return false;
}
