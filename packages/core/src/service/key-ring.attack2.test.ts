import { describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import type { KeyStore } from '../ports/key-store.js';
import { createKeyRing } from './key-ring.js';

// The key ring promises that destroying a key "zeroes and forgets every copy this process
// holds" (key-ring.ts), and 1bdc999 that no copy of a destroyed key's subkeys stays un-zeroed
// in anything the derivation allocated. Attacked: two commands of this process that need the
// same key at once, while it is not cached yet (the first commands on a month or a series
// after a restart) — each derived the subkeys, and the ring cached only the last.

/** A key store of one fixed key over a network: every call takes a turn of the event loop. */
function remoteKeyStore(): KeyStore {
  let material: Uint8Array | undefined = new Uint8Array(32).fill(0x5a);
  const later = <T>(value: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(value()), 1));
  return {
    create: () => later(() => Uint8Array.from(material ?? new Uint8Array(32))),
    get: () => later(() => (material === undefined ? undefined : Uint8Array.from(material))),
    destroy: () =>
      later(() => {
        material?.fill(0);
        material = undefined;
        return { outcome: 'verified' as const };
      }),
  };
}

const KEY_ID = 'period-2026-02';
const zero = (bytes: Uint8Array): boolean => bytes.every((byte) => byte === 0);

describe('a key two commands open at once, then destroyed', () => {
  it('leaves neither command’s copy of its subkeys un-zeroed (existing)', async () => {
    const ring = createKeyRing(remoteKeyStore(), createAesGcmCipher());
    const [first, second] = await Promise.all([ring.existing(KEY_ID), ring.existing(KEY_ID)]);
    if (first === undefined || second === undefined) throw new Error('the key should exist');
    expect(zero(first.naming) || zero(second.naming)).toBe(false);
    await ring.destroy(KEY_ID);
    expect(zero(second.naming)).toBe(true);
    expect(zero(first.naming), 'the first command’s naming subkey, after the key was destroyed').toBe(true);
  });

  it('leaves neither command’s copy of its subkeys un-zeroed (create)', async () => {
    const ring = createKeyRing(remoteKeyStore(), createAesGcmCipher());
    const [first, second] = await Promise.all([ring.create(KEY_ID), ring.create(KEY_ID)]);
    const at = { stream: `tally-2026-02-${'ab'.repeat(16)}`, eventId: 'e' };
    const detail = second.sealer.seal(Buffer.from('{"marks":{}}'), at);
    await ring.destroy(KEY_ID);
    expect(zero(second.naming)).toBe(true);
    // The first command's copy still opens the period's detail after its key was destroyed.
    expect(first.sealer.open(detail, at), 'detail opened after its key was destroyed').toBeUndefined();
    expect(zero(first.naming), 'the first command’s naming subkey, after the key was destroyed').toBe(true);
  });
});
