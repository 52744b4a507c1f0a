import { passesLuhn } from './luhn.js';
import type { PersonalDataKind } from './personal-data-kind.js';

// 10 or 12 digits (YYMMDD or YYYYMMDD, then four), with "-", "+" or nothing before the last four.
const IDENTITY_NUMBER = /(?<![\w])(?:(?:18|19|20)?\d{6})[-+]?\d{4}(?![\w])/g;
// A national (leading 0) or international (+ or 00) number written with digits, spaces, hyphens or brackets.
const PHONE_NUMBER = /(?<![\w+])(?:\+|0)[\d \-()]{5,22}\d(?![\w])/g;
const EMAIL_ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
// Formats the library itself asks for; they are never personal data on their own.
const OWN_FORMATS = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^\d{4}-\d{2}(?:-\d{2})?$/,
];

function countDigits(text: string): number {
  let digits = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) digits += 1;
  }
  return digits;
}

function identityNumberKind(candidate: string): PersonalDataKind | undefined {
  const digits = candidate.replace(/[-+]/g, '');
  const tenDigits = digits.length === 12 ? digits.slice(2) : digits;
  if (tenDigits.length !== 10 || !passesLuhn(tenDigits)) return undefined;
  const month = Number(tenDigits.slice(2, 4));
  const day = Number(tenDigits.slice(4, 6));
  if (month < 1 || month > 12) return undefined;
  if (day >= 1 && day <= 31) return 'personnummer';
  if (day >= 61 && day <= 91) return 'samordningsnummer';
  return undefined;
}

function looksLikePhoneNumber(candidate: string): boolean {
  const digitCount = candidate.replace(/\D/g, '').length;
  return digitCount >= 7 && digitCount <= 15;
}

/**
 * The kind of personal data a text contains, if any: a Swedish personnummer or
 * samordningsnummer (Luhn-checked, with a plausible month and day), a phone number or an
 * e-mail address. It answers with the kind only, so callers never need to handle the value.
 */
export function findPersonalData(text: string): PersonalDataKind | undefined {
  // Fast path: every pattern needs an "@" or at least seven digits (the shortest phone number).
  if (!text.includes('@') && countDigits(text) < 7) return undefined;
  if (OWN_FORMATS.some((format) => format.test(text))) return undefined;
  for (const match of text.matchAll(IDENTITY_NUMBER)) {
    const kind = identityNumberKind(match[0]);
    if (kind !== undefined) return kind;
  }
  if (EMAIL_ADDRESS.test(text)) return 'email-address';
  for (const match of text.matchAll(PHONE_NUMBER)) {
    if (looksLikePhoneNumber(match[0])) return 'phone-number';
  }
  return undefined;
}
