import { decodeEscapes } from './decode-escapes.js';

const DECIMAL_DIGIT = /\p{Nd}/u;
const DASH = /[\p{Pd}\u2212\u2043\u02d7\u2796\ufe63]/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
// U+2800 BRAILLE PATTERN BLANK is a symbol, not a space, but renders as one.
const SPACE = /[\p{Z}\t\n\v\f\r\u0085\u2800]/u;
const MARK = /\p{M}/u;
// Look-alikes of the separators numbers and e-mail addresses are written with, read as those
// separators by the scan only (stored prose keeps its middle dots).
const DOT_LIKE = /[\u00b7\u0387\u2022\u2024\u2027\u2219\u22c5\u2e31\u30fb\uff65]/u;
const SLASH_LIKE = /[\u2044\u2215\u29f8\u2571]/u;
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

/** Who reads the folded text: the scan, or storage (which keeps line breaks, and prose as written). */
type Reader = 'scan' | 'storage';

/** One character that is not printable ASCII, as the guard (or storage) reads it. */
function foldOne(character: string, text: string, offset: number, reader: Reader): string {
  const code = character.codePointAt(0) ?? 0;
  const storage = reader === 'storage';
  if (code < 0x80) {
    if (storage && (character === '\n' || character === '\r')) return character === '\n' ? '\n' : '';
    return ' ';
  }
  if (DECIMAL_DIGIT.test(character)) return digitOf(code);
  if (DASH.test(character)) return '-';
  if (INVISIBLE.test(character)) return '';
  if (SPACE.test(character)) return storage && (code === 0x2028 || code === 0x2029) ? '\n' : ' ';
  if (MARK.test(character)) {
    // A combining mark on a digit (8̲1̲…) hides nothing once it is dropped; the scan drops every
    // mark (one on a dash or a dot hides the separator from it otherwise).
    if (!storage || (offset > 0 && DECIMAL_DIGIT.test(text.charAt(offset - 1)))) return '';
    return character;
  }
  if (!storage && DOT_LIKE.test(character)) return '.';
  if (!storage && SLASH_LIKE.test(character)) return '/';
  return character;
}

/**
 * Every decimal digit to ASCII, every dash to `-`, format and other invisible characters
 * removed, every space (and line break) to one ASCII space, and combining marks on a digit
 * dropped; printable ASCII is left as it is, in bulk. Storage keeps `\n`, and prose as written.
 */
function foldCharacters(text: string, reader: Reader): string {
  const folded = text.replace(NOT_PRINTABLE_ASCII, (character: string, offset: number) =>
    foldOne(character, text, offset, reader),
  );
  return folded.replace(/ {2,}/g, ' ');
}

// Between two digits, for the scan: a comma or colon written without spaces reads as a dot
// (`811218,9876`, `09:30`), other punctuation as a dash (`811218_9876`, `811218 * 9876`), and a
// run of dashes as one (`811218 -- 9876`). A comma or colon followed by a space stays prose
// ("den 14, 0930"): it does not join the numbers on either side.
const GLUED_BETWEEN_DIGITS = /(?<=\d)[,:;](?=\d)/g;
const SPACED_BETWEEN_DIGITS = /(?<=\d) ?[_~*=|'`^"#\\] ?(?=\d)/g;
const DASH_RUN = /-(?: ?-)+/g;

/** Separators a number may be written with, as the number clusters read them. */
function joinNumberGroups(text: string): string {
  return text
    .replace(GLUED_BETWEEN_DIGITS, (mark) => (mark === ';' ? '-' : '.'))
    .replace(SPACED_BETWEEN_DIGITS, (mark) => (mark.trim() === '\\' ? '/' : '-'))
    .replace(DASH_RUN, '-');
}

/**
 * The text as the guard reads it: escapes decoded, NFKC, every decimal digit as ASCII, every
 * dash as `-`, look-alike dots and slashes as `.` and `/`, invisible characters and combining
 * marks removed, runs of space as one space, and the odd punctuation between digits as the
 * separator it stands for. It is for the scan only; see {@link normaliseForStorage} for what
 * may be kept.
 */
export function normaliseForScan(text: string): string {
  return readForScan(text, true);
}

/**
 * Every form the scan must read: escapes decoded, and — when decoding changed anything — the
 * text as written too. An escape can swallow what follows it (`&#811218-9876` decodes to one
 * character and `-9876`), while storage keeps escapes as written: the stored form is scanned
 * as well, so what is kept is never a form the scan did not see.
 */
export function scanForms(text: string): readonly string[] {
  const decoded = readForScan(text, true);
  if (!/[&\\%]/.test(text)) return [decoded];
  const asWritten = readForScan(text, false);
  return asWritten === decoded ? [decoded] : [decoded, asWritten];
}

function readForScan(text: string, decode: boolean): string {
  if (!NEEDS_WORK.test(text))
    return joinNumberGroups(text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text);
  const decoded = decode ? decodeEscapes(text) : text;
  return joinNumberGroups(foldCharacters(decoded.normalize('NFKC'), 'scan').trim());
}

/**
 * Free text as it may be stored once the guard has passed it: NFKC, ASCII digits and dashes,
 * no invisible characters, line breaks kept. Escapes are left as written (they are text),
 * but the guard has read them decoded; what is stored is never a form the scan did not see.
 */
export function normaliseForStorage(text: string): string {
  return foldCharacters(text.normalize('NFKC'), 'storage')
    .replace(/ ?\n ?/g, '\n')
    .trim();
}
