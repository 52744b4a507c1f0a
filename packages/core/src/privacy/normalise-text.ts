import { decodeEscapes } from './decode-escapes.js';
import { withDigitLookalikes } from './digit-lookalikes.js';
import { hasSpacedTensAndUnit, withNumberWordsAsDigits } from './number-words.js';
import { numeralValue } from './numerals.js';

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
// Letters and symbols drawn as a dash (Hangul EU, the katakana long vowel mark, box-drawing
// and other horizontal lines): dashes to the scan; stored prose keeps them.
const DASH_LIKE =
  /[\u1173\u30fc\u2500\u2501\u2504\u2505\u2508\u2509\u254c\u254d\u2574\u2576\u2578\u257a\u257c\u257e\u23af\u23e4\u23ba-\u23bd\u2581\u2594]/u;
const NEEDS_WORK = /[^\x20-\x7e]|[&\\%]/;
// Letters a drawn in a circle or square (ⓐ, Ⓐ, 🅐, 🄰, 🅰): a reader reads an at sign, where NFKC
// would make most of them a plain `a`. Read as `@` by the scan only, before NFKC.
const AT_LOOKALIKE = /[\u24b6\u24d0\u{1f130}\u{1f150}\u{1f170}]/gu;

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
  if (storage) return character;
  if (DOT_LIKE.test(character)) return '.';
  if (SLASH_LIKE.test(character)) return '/';
  if (DASH_LIKE.test(character)) return '-';
  return numeralValue(character) ?? character;
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

// Between two digits, for the scan: a short run of anything but letters and digits joins the
// groups of a number (`[811218]-[9876]`, `811218 // 9876`, `811218==9876`, `070 [123] 45`) —
// as the separators the number clusters read it is left alone; a comma or colon written
// without spaces reads as a dot (`811218,9876`, `09:30`), a backslash as a slash, anything else
// as a dash. Punctuation followed by a space stays prose ("den 14, 0930", "3; 7"): it does not
// join the numbers on either side. A run of dashes reads as one (`811218 -- 9876`).
// (A numeral of unknown value is a digit to the scan, never a separator: U+E000, see UNKNOWN_DIGIT.)
const BETWEEN_DIGITS = /(?<=\d)[^\p{L}\p{N}\ue000]+(?=\d)/gu;
const CLUSTER_GAP = /^[ ()+\-./]{1,3}$/;
const PROSE_BREAK = /[,;:!?] /;
/** The longest run between two numbers that reads as prose (`3, 7`, `12), 14`); a longer one joins them. */
const MAX_PROSE_BREAK = 3;
const DASH_RUN = /-(?: ?-)+/g;

/** The separator a run between two digits stands for. */
function separatorFor(gap: string): string {
  if (CLUSTER_GAP.test(gap) || (gap.length <= MAX_PROSE_BREAK && PROSE_BREAK.test(gap))) return gap;
  if (gap === ',' || gap === ':') return '.';
  if (gap.trim() === '\\') return '/';
  return '-';
}

/** Separators a number may be written with, as the number clusters read them. */
function joinNumberGroups(text: string): string {
  return text.replace(BETWEEN_DIGITS, separatorFor).replace(DASH_RUN, '-');
}

/**
 * The text as the guard reads it: escapes decoded, NFKC, every decimal digit as ASCII, every
 * dash (and letter or line drawn as one) as `-`, look-alike dots and slashes as `.` and `/`,
 * other number characters (❶, ⓵, 〇) as their digits, number words (`åtta`, `八`) as digits,
 * invisible characters and combining marks removed, runs of space as one space, and the odd
 * punctuation between digits as the separator it stands for. It is for the scan only; see {@link normaliseForStorage} for what
 * may be kept.
 */
export function normaliseForScan(text: string): string {
  return joinNumberGroups(withNumberWordsAsDigits(foldForScan(text, true)));
}

/**
 * Every form the scan must read: escapes decoded, and — when decoding changed anything — the
 * text as written too. An escape can swallow what follows it (`&#811218-9876` decodes to one
 * character and `-9876`), while storage keeps escapes as written: the stored form is scanned
 * as well, so what is kept is never a form the scan did not see. A tens word followed by a
 * unit word (`åttio ett`) is read both ways, 80 1 and 81: a reader may mean either.
 */
export function scanForms(text: string): readonly string[] {
  const forms: string[] = [];
  const add = (folded: string): void => {
    for (const form of [
      joinNumberGroups(withNumberWordsAsDigits(folded)),
      ...(hasSpacedTensAndUnit(folded) ? [joinNumberGroups(withNumberWordsAsDigits(folded, true))] : []),
    ])
      if (!forms.includes(form)) forms.push(form);
  };
  const folded = foldForScan(text, true);
  add(folded);
  // Letters written for digits: one more form, read beside the text as written (attack 32g).
  const lookalikes = withDigitLookalikes(folded);
  if (lookalikes !== folded) add(lookalikes);
  if (/[&\\%]/.test(text)) add(foldForScan(text, false));
  return forms;
}

/** The text folded for the scan (escapes decoded or not), before number words and separators are read. */
function foldForScan(text: string, decode: boolean): string {
  if (!NEEDS_WORK.test(text)) return text.includes('  ') ? text.replace(/ {2,}/g, ' ') : text;
  const decoded = (decode ? decodeEscapes(text) : text).replace(AT_LOOKALIKE, '@');
  return foldCharacters(decoded.normalize('NFKC'), 'scan').trim();
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
