import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secureRandom, seededRandom } from '../ports/random.js';
import { newSeriesToken, normaliseSeriesToken } from './series-token.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('series tokens', () => {
  it('are 28 Crockford base32 characters in groups of four, carrying at least 128 random bits', () => {
    const token = newSeriesToken(secureRandom);
    expect(token).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(27 * 5).toBeGreaterThanOrEqual(128);
    expect(new Set(Array.from({ length: 1000 }, () => newSeriesToken(secureRandom))).size).toBe(1000);
  });

  it('read back however they were written down: lower case, spaces, O for 0, I or L for 1', () => {
    const token = newSeriesToken(seededRandom(7));
    const canonical = token.replaceAll('-', '');
    expect(normaliseSeriesToken(token)).toBe(canonical);
    expect(normaliseSeriesToken(token.toLowerCase().replaceAll('-', ' '))).toBe(canonical);
    const handwritten = token.replaceAll('0', 'O').replaceAll('1', 'l');
    expect(normaliseSeriesToken(handwritten)).toBe(canonical);
  });

  it('catch every single-character typo and every swap of two different neighbours', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(27), fc.nat(31), (seed, position, replacement) => {
        const canonical = newSeriesToken(seededRandom(seed)).replaceAll('-', '');
        const original = canonical[position] as string;
        const typo = ALPHABET[replacement] as string;
        if (typo !== original) {
          expect(
            normaliseSeriesToken(canonical.slice(0, position) + typo + canonical.slice(position + 1)),
          ).toBeUndefined();
        }
        const next = canonical[position + 1];
        if (next !== undefined && next !== original) {
          const swapped = canonical.slice(0, position) + next + original + canonical.slice(position + 2);
          expect(normaliseSeriesToken(swapped)).toBeUndefined();
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuse the wrong length and characters outside the alphabet', () => {
    expect(normaliseSeriesToken('ABCD')).toBeUndefined();
    expect(normaliseSeriesToken(`${'U'.repeat(28)}`)).toBeUndefined();
  });
});
