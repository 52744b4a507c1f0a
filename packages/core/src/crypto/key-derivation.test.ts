import { hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveSubkeys } from './key-derivation.js';

const nodeHkdf = (key: Uint8Array, purpose: string): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', key, new Uint8Array(0), `pinnstatistik/${purpose}`, 32));

describe('deriveSubkeys', () => {
  it('derives exactly what HKDF-SHA-256 (node’s hkdfSync) derives, for any stored key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 80 }), (key) => {
        const { encryption, naming } = deriveSubkeys(key);
        expect(encryption).toEqual(nodeHkdf(key, 'encryption'));
        expect(naming).toEqual(nodeHkdf(key, 'naming'));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the stored key as it was, and two purposes never share a subkey', () => {
    const key = new Uint8Array(32).fill(7);
    const { encryption, naming } = deriveSubkeys(key);
    expect(key.every((byte) => byte === 7)).toBe(true);
    expect(Buffer.from(encryption).equals(Buffer.from(naming))).toBe(false);
  });
});
