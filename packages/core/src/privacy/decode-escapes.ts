const NAMED: Readonly<Record<string, string>> = {
  commat: '@',
  period: '.',
  hyphen: '-',
  dash: '-',
  minus: '-',
  nbsp: ' ',
  plus: '+',
  amp: '&',
  sol: '/',
  lpar: '(',
  rpar: ')',
  lsqb: '[',
  rsqb: ']',
  num: '#',
  colon: ':',
  lowbar: '_',
};

// Every alternative starts with its own literal and has bounded repetition: the scan stays linear.
const ESCAPE =
  /&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?|&([a-z]{2,6});|\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|%([0-9a-fA-F]{2})/g;

function fromCodePoint(code: number, original: string): string {
  const surrogate = code >= 0xd800 && code <= 0xdfff;
  return code > 0x10ffff || surrogate ? original : String.fromCodePoint(code);
}

function decodeOnce(text: string): string {
  return text.replace(
    ESCAPE,
    (
      match,
      entityHex?: string,
      entityDecimal?: string,
      name?: string,
      braced?: string,
      u4?: string,
      x2?: string,
      percent?: string,
    ) => {
      if (entityHex !== undefined) return fromCodePoint(Number.parseInt(entityHex, 16), match);
      if (entityDecimal !== undefined) return fromCodePoint(Number.parseInt(entityDecimal, 10), match);
      if (name !== undefined) return NAMED[name] ?? match;
      const hex = braced ?? u4 ?? x2;
      if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16), match);
      // URL encoding: only ASCII (an e-mail's %40), never a byte of a longer sequence.
      const code = Number.parseInt(percent ?? '', 16);
      return code < 0x80 ? String.fromCharCode(code) : match;
    },
  );
}

/**
 * HTML numeric (and a few named) character references, `\u` with four hex digits, `\u{…}`,
 * `\x` and ASCII `%` with two hex digits — escapes decoded, for the scan only. Decoded up to three times, so `&amp;#56;` is seen
 * as `8` too; every pass is linear.
 */
export function decodeEscapes(text: string): string {
  let decoded = text;
  for (let pass = 0; pass < 3; pass += 1) {
    if (!/[&\\%]/.test(decoded)) break;
    const next = decodeOnce(decoded);
    if (next === decoded) break;
    decoded = next;
  }
  return decoded;
}
