import { findEmailAddress } from './email-addresses.js';
import { findIdentityNumber, kindOfDigits } from './identity-numbers.js';
import { passesLuhn } from './luhn.js';
import { scanForms } from './normalise-text.js';
import { someNumberCluster } from './number-clusters.js';
import { numberTokens } from './number-tokens.js';
import type { PersonalDataKind } from './personal-data-kind.js';
import { findPhoneNumber } from './phone-numbers.js';

/** How much of the previous note of a series the guard reads with the next one (a number split across two notes). */
export const NOTE_TAIL_LENGTH = 32;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A date or a month as the library asks for them: eight digits at most, and a date is no personal data. */
const DATE_OR_PERIOD = /^\d{4}-\d{2}(?:-\d{2})?$/;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;
const SPELLED_AT = /\b(?:at|snabel)\b/i;

/** Whether a text can hold anything the guard looks for: seven digits (the shortest phone number) or an at sign. */
function mightHoldPersonalData(text: string): boolean {
  let digits = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      digits += 1;
      if (digits >= 7) return true;
    } else if (code === 64) return true;
  }
  return SPELLED_AT.test(text);
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
 * phone number or an e-mail address, however it is written (other digit systems, invisible
 * characters, other dashes and spaces, escapes, spelled-out at signs). It answers with the
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
  if (normalised !== text && !mightHoldPersonalData(normalised)) return undefined;
  let kind: PersonalDataKind | undefined;
  someNumberCluster(normalised, ({ runs, before, continued }) => {
    if (runs.length === 1 && (runs[0]?.digits.length ?? 0) < 7) return false; // a lone short number
    const tokens = numberTokens(runs);
    kind =
      findIdentityNumber(runs, tokens) ??
      (findPhoneNumber(runs, before, tokens, continued) ? 'phone-number' : undefined);
    return kind !== undefined;
  });
  return kind ?? (findEmailAddress(normalised) ? 'email-address' : undefined);
}

/**
 * Personal data in a working note read together with the end of the previous note of its
 * series: a number split across the two is found though neither shows it alone. Give the
 * previous note's last {@link NOTE_TAIL_LENGTH} characters (more are cut off).
 */
export function findPersonalDataAcrossNotes(
  previousTail: string,
  text: string,
): PersonalDataKind | undefined {
  return findPersonalData(`${previousTail.slice(-NOTE_TAIL_LENGTH)}\n${text}`);
}
