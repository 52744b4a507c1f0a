import type { Random } from '../ports/random.js';

// Crockford's base32: no I, L, O or U, so a token read aloud or copied by hand stays unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const DATA_LENGTH = 27; // 135 random bits
const GROUP = 4;

const symbolValue = (char: string): number => ALPHABET.indexOf(char);

// Damm's check over GF(32): x ∘ y = 2·x ⊕ y is a totally anti-symmetric quasigroup, so the
// check character catches every single-character error and every swap of two neighbours.
const timesTwo = (value: number): number => {
  const shifted = value << 1;
  return shifted & 0x20 ? shifted ^ 0x25 : shifted; // reduce by x^5 + x^2 + 1
};

function dammInterim(chars: string): number {
  let interim = 0;
  for (const char of chars) interim = timesTwo(interim) ^ symbolValue(char);
  return interim;
}

function checkCharacter(data: string): string {
  return ALPHABET[timesTwo(dammInterim(data))] as string;
}

/** A series token: 135 random bits in Crockford base32 with a check character, grouped by four. */
export function newSeriesToken(random: Random): string {
  const bytes = random.bytes(17);
  let bits = 0;
  let buffer = 0;
  let data = '';
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && data.length < DATA_LENGTH) {
      bits -= 5;
      data += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  const token = data + checkCharacter(data);
  return token.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? token;
}

/**
 * The canonical form of a token as a person typed it (any case, hyphens or spaces, O for 0,
 * I or L for 1), or `undefined` when it is malformed or its check character does not match.
 */
export function normaliseSeriesToken(input: string): string | undefined {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== DATA_LENGTH + 1 || [...cleaned].some((char) => symbolValue(char) < 0))
    return undefined;
  return dammInterim(cleaned) === 0 ? cleaned : undefined;
}
