import { isDigitLookalike } from './digit-lookalikes.js';
import { findEmailAddress } from './email-addresses.js';
import { findIdentityNumberSplitByProse, namesIdentityNumber } from './identity-number-split-by-prose.js';
import { findIdentityNumber, kindOfDigits } from './identity-numbers.js';
import { passesLuhn } from './luhn.js';
import { scanForms } from './normalise-text.js';
import { tailReadAs } from './note-look-back.js';
import { someNumberCluster } from './number-clusters.js';
import { numberTokens } from './number-tokens.js';
import { MIGHT_SPELL_NUMBER } from './number-words.js';
import type { PersonalDataKind } from './personal-data-kind.js';
import { findPhoneNumber } from './phone-numbers.js';
import { findUnknownDigitNumber } from './unknown-digit-numbers.js';

/**
 * How much of the previous notes of a series the guard reads with the next one (a number split
 * across notes), in characters as the scan reads them (marks and invisible characters not counted).
 */
export const NOTE_TAIL_LENGTH = 32;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A date or a month as the library asks for them: eight digits at most, and a date is no personal data. */
const DATE_OR_PERIOD = /^\d{4}-\d{2}(?:-\d{2})?$/;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
// A spelled or wrapped at sign (`_at_`: an underscore is no word boundary; `snabela`, `(a)`).
const SPELLED_AT = /(?<![a-z0-9])(?:at(?![a-z0-9])|snabel)|[([{]a[)\]}]/i;

/** Whether a text can hold anything the guard looks for: seven digits (the shortest phone number), an at sign, or their words. */
function mightHoldPersonalData(text: string): boolean {
  let digits = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      digits += 1;
      if (digits >= 7) return true;
    } else if (code === 64) return true;
  }
  // Letters read as digits need a digit in their chain (`digit-lookalikes.ts`): counted only then,
  // so ids and prose without a digit pay for one pass.
  if (digits > 0 && digits + lookalikesNextToDigits(text) >= 7) return true;
  return SPELLED_AT.test(text) || MIGHT_SPELL_NUMBER.test(text);
}

function lookalikesNextToDigits(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1)
    if (isDigitLookalike(text.charCodeAt(index)) && nextToDigitLike(text, index)) count += 1;
  return count;
}

const isDigitCode = (code: number): boolean => code >= 48 && code <= 57;
const isDigitLike = (code: number): boolean => isDigitCode(code) || isDigitLookalike(code);
/**
 * A look-alike letter within two characters of a digit or another look-alike may be read as a
 * digit (`digit-lookalikes.ts`: `8ll2`, `8 l l 2`).
 */
function nextToDigitLike(text: string, index: number): boolean {
  return (
    isDigitLike(text.charCodeAt(index - 1)) ||
    isDigitLike(text.charCodeAt(index + 1)) ||
    isDigitLike(text.charCodeAt(index - 2)) ||
    isDigitLike(text.charCodeAt(index + 2))
  );
}

/**
 * A UUID is the library's own format, and its hex digits form date-like runs by chance, so
 * only the two places a whole 12-digit personnummer fits are read — the first two groups
 * (`YYYYMMDD-NNNN-…`) and the last — and only with a valid check digit: about one random
 * UUID in two million matches, where a looser reading would refuse one command id in ten
 * thousand.
 */
function findInUuid(uuid: string): PersonalDataKind | undefined {
  const groups = uuid.split('-');
  for (const digits of [`${groups[0]}${groups[1]}`, groups[4] ?? '']) {
    if (!/^\d{12}$/.test(digits) || !passesLuhn(digits.slice(2))) continue;
    const kind = kindOfDigits(digits);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/**
 * The kind of personal data a text contains, if any: a personnummer or samordningsnummer, a
 * phone number or an e-mail address, however it is written (other digit systems and number
 * characters, number words, invisible characters, other dashes and spaces, punctuation between
 * the groups, escapes, spelled-out or wrapped at signs). It answers with the
 * kind only, so callers never need to handle the value. Linear in the text's length.
 */
export function findPersonalData(text: string): PersonalDataKind | undefined {
  if (PLAIN_ASCII.test(text) && !/[&\\%]/.test(text)) {
    if (!mightHoldPersonalData(text) || DATE_OR_PERIOD.test(text)) return undefined;
    if (UUID.test(text)) return findInUuid(text);
  }
  for (const normalised of scanForms(text)) {
    const kind = findInNormalised(normalised, text);
    if (kind !== undefined) return kind;
  }
  return undefined;
}

/** Personal data in one form of a text as the scan reads it. */
function findInNormalised(normalised: string, text: string): PersonalDataKind | undefined {
  if (normalised !== text && !mightHoldPersonalData(normalised)) return findUnknownDigitNumber(normalised);
  let kind: PersonalDataKind | undefined;
  someNumberCluster(normalised, ({ runs, before, continued }) => {
    if (runs.length === 1 && (runs[0]?.digits.length ?? 0) < 7) return false; // a lone short number
    const tokens = numberTokens(runs);
    kind =
      findIdentityNumber(runs, tokens) ??
      (findPhoneNumber(runs, before, tokens, continued) ? 'phone-number' : undefined);
    return kind !== undefined;
  });
  return (
    kind ??
    findUnknownDigitNumber(normalised) ??
    (findEmailAddress(normalised) ? 'email-address' : undefined) ??
    findIdentityNumberSplitByProse(normalised, text)
  );
}

/**
 * Personal data in a working note read together with the series' earlier notes (`previous`,
 * read one after the other): a number split across notes is found though no note shows it
 * alone. The note is read after the last {@link NOTE_TAIL_LENGTH} characters of `previous` as
 * the scan reads them (a note of combining marks takes no room). Parts of a number further
 * apart than that, with prose between them, are not joined — a number ending one note and one
 * starting a later note are as often a date and a time of day (a documented limit) — unless an
 * earlier note names a personal identity number (`identity-number-split-by-prose.ts`).
 */
export function findPersonalDataAcrossNotes(previous: string, text: string): PersonalDataKind | undefined {
  const joined = `${tailReadAs(previous, NOTE_TAIL_LENGTH)}\n${text}`;
  const found = findPersonalData(joined);
  if (found !== undefined || !namesIdentityNumber(previous)) return found;
  // An earlier note named the number ("…uppgav sitt personnummer, det börjar med 811218"), further
  // back than the tail read with this one: its date and this note's four digits are still joined.
  for (const form of scanForms(joined)) {
    const kind = findIdentityNumberSplitByProse(form, joined, true);
    if (kind !== undefined) return kind;
  }
  return undefined;
}
