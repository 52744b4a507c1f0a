import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256, hmacSha256Hex } from './hmac.js';

describe('hmacSha256', () => {
  it('equals node’s HMAC-SHA-256 for any key and text (keys longer than a block included)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 100 }),
        fc.string({ unit: 'grapheme', maxLength: 600 }),
        (key, text) => {
          expect(hmacSha256(key, text).equals(createHmac('sha256', key).update(text).digest())).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('as hex, equals node’s HMAC-SHA-256 in hex for any key and text', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 100 }),
        fc.string({ unit: 'grapheme', maxLength: 600 }),
        (key, text) => {
          expect(hmacSha256Hex(key, text)).toBe(createHmac('sha256', key).update(text).digest('hex'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('matches RFC 4231 test case 2', () => {
    const digest = hmacSha256(Buffer.from('Jefe'), 'what do ya want for nothing?');
    expect(digest.toString('hex')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});
