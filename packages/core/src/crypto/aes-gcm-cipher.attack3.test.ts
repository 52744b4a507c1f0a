import { describe, expect, it } from 'vitest';
import { secureRandom } from '../ports/random.js';
import { createAesGcmCipher } from './aes-gcm-cipher.js';

// 7bbc40f: AES-GCM decrypts into the caller's buffer (when large enough) and zeroes its own.
// Tampering with the nonce, the ciphertext, the tag or the associated data is still refused on
// every path — no `into`, one too small, one exactly large enough, one larger — and a refused
// opening writes nothing into `into`.

describe('AES-256-GCM openings of tampered data', () => {
  it('are refused on every path, writing nothing into the caller’s buffer', () => {
    const cipher = createAesGcmCipher();
    const key = secureRandom.bytes(32);
    const plain = new TextEncoder().encode('familjeradgivning-secret-marker'.repeat(3));
    const ad = new TextEncoder().encode('tally-2025-03\u0000event');
    const sealed = cipher.encrypt(key, plain, ad);
    const intos = () => [undefined, new Uint8Array(1), new Uint8Array(plain.length), new Uint8Array(4096)];
    const problems: string[] = [];
    for (const into of intos()) {
      const opened = cipher.decrypt(key, sealed, ad, into);
      if (opened === undefined || Buffer.compare(opened, plain) !== 0)
        problems.push(`untouched data, into ${into?.length}: not opened`);
    }
    const tampered: [string, Uint8Array, Uint8Array, Uint8Array][] = [];
    for (const at of [0, 11, 12, 12 + plain.length - 1, sealed.length - 16, sealed.length - 1]) {
      const copy = sealed.slice();
      copy[at] = (copy[at] as number) ^ 1;
      tampered.push([`byte ${at} flipped`, key, copy, ad]);
    }
    const otherAd = ad.slice();
    otherAd[0] = (otherAd[0] as number) ^ 1;
    tampered.push(['other associated data', key, sealed, otherAd]);
    tampered.push(['truncated', key, sealed.subarray(0, sealed.length - 1), ad]);
    tampered.push(['too short', key, sealed.subarray(0, 27), ad]);
    tampered.push(['all-zero key', new Uint8Array(32), sealed, ad]);
    for (const [name, k, data, associated] of tampered)
      for (const into of intos()) {
        const opened = cipher.decrypt(k, data, associated, into);
        if (opened !== undefined) problems.push(`${name}, into ${into?.length}: opened`);
        if (into?.some((byte) => byte !== 0)) problems.push(`${name}, into ${into.length}: written into`);
      }
    expect(problems).toEqual([]);
  });
});
