import { decodeEscapes } from './decode-escapes.js';

const DECIMAL_DIGIT = /\p{Nd}/u;
const DASH = /[\p{Pd}\u2212\u2043\u02d7\u2796\ufe63]/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const SPACE = /[\p{Z}\t\n\v\f\r\u0085]/u;
const MARK = /\p{M}/u;
const NEEDS_WORK = /[^\x20-\x7e]|[&\\%]/;

const digitValues = new Map<number, string>();

/** The value of a Unicode decimal digit: digits come in runs of ten from zero (a Unicode stability guarantee). */
function digitOf(code: number): string {
  let value = digitValues.get(code);
  if (value === undefined) {
    let zero = code;
    while (zero > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero -= 1;
    value = String((code - zero) % 10);
    digitValues.set(code, value);
  }
  return value;
}

const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/gu;

/** One character that is not printable ASCII, as the guard (or storage) reads it. */
function foldOne(character: string, text: string, offset: number, keepLineBreaks: boolean): string {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x80) {
    if (keepLineBreaks && (character === '\n' || character === '\r')) return character === '\n' ? '\n' : '';
    return ' ';
  }
  if (DECIMAL_DIGIT.test(character)) return digitOf(code);
  if (DASH.test(character)) return '-';
  if (INVISIBLE.test(character)) return '';
  if (SPACE.test(character)) return keepLineBreaks && (code === 0x2028 || code === 0x2029) ? '\n' : ' ';
  // A combining mark on a digit (8̲1̲…) hides nothing once it is dropped.
  if (MARK.test(character) && offset > 0 && DECIMAL_DIGIT.test(text.charAt(offset - 1))) return '';
  return character;
}

/**
 * Every decimal digit to ASCII, every dash to `-`, format and other invisible characters
 * removed, every space (and line break) to one ASCII space, and combining marks on a digit
 * dropped; printable ASCII is left as it is, in bulk. `keepLineBreaks` keeps `\n` for stored text.
 */
function foldCharacters(text: string, keepLineBreaks: boolean): string {
  const folded = text.replace(NOT_PRINTABLE_ASCII, (character: string, offset: number) =>
    foldOne(character, text, offset, keepLineBreaks),
  );
  return folded.replace(/ {2,}/g, ' ');
}

/**
 * The text as the guard reads it: escapes decoded, NFKC, every decimal digit as ASCII, every
 * dash as `-`, invisible characters removed and runs of space as one space. It is for the
 * scan only; see {@link normaliseForStorage} for what may be kept.
 */
export function normaliseForScan(text: string): string {
  if (!NEEDS_WORK.test(text)) return text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text;
  return foldCharacters(decodeEscapes(text).normalize('NFKC'), false).trim();
}

/**
 * Free text as it may be stored once the guard has passed it: NFKC, ASCII digits and dashes,
 * no invisible characters, line breaks kept. Escapes are left as written (they are text),
 * but the guard has read them decoded; what is stored is never a form the scan did not see.
 */
export function normaliseForStorage(text: string): string {
  return foldCharacters(text.normalize('NFKC'), true)
    .replace(/ ?\n ?/g, '\n')
    .trim();
}
