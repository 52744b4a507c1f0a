import type { hash as nodeHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { KeyStore } from '../ports/key-store.js';
import { createKeyRing } from '../service/key-ring.js';
import { createAesGcmCipher } from './aes-gcm-cipher.js';

// The key ring promises that destroying a key "zeroes and forgets every copy this process
// holds" (key-ring.ts): its material and both subkeys are zeroed in place. When subkeys were
// first derived through the one-shot HMAC (ac2f5fa), each subkey was returned by `hash()` as a
// Buffer that `expand` copied into a new Uint8Array and dropped without zeroing, and the
// extraction's inner hash — H((0 ⊕ ipad) ‖ key), from which anyone computes the PRK, the salt
// being public zeros — was dropped the same way: an attacker with a heap snapshot taken after
// the destruction found the destroyed key's subkeys in clear. Every buffer `hash()` returned
// during the derivation must be zeroed once the key is destroyed.

const digests = vi.hoisted(() => ({ recording: false, outputs: [] as Uint8Array[] }));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const hash = ((...args: Parameters<typeof nodeHash>) => {
    const output = actual.hash(...args);
    if (digests.recording && typeof output !== 'string') digests.outputs.push(output as Uint8Array);
    return output;
  }) as typeof nodeHash;
  return { ...actual, hash, default: { ...actual, hash } };
});

/** A key store of one fixed key, zeroed when destroyed (as the memory key store does). */
function oneKey(): KeyStore {
  let material: Uint8Array | undefined = new Uint8Array(32).fill(0x5a);
  return {
    create: async () => material ?? new Uint8Array(32),
    get: async () => material,
    destroy: async () => {
      material?.fill(0);
      material = undefined;
      return { outcome: 'verified' };
    },
  };
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

describe('a series key destroyed by the key ring', () => {
  it('leaves no un-zeroed copy of its subkeys in buffers the derivation dropped', async () => {
    const ring = createKeyRing(oneKey(), createAesGcmCipher());
    digests.outputs.length = 0;
    digests.recording = true;
    const key = await ring.create('series-0123456789abcdef0123456789abcdef');
    digests.recording = false;
    const naming = Uint8Array.from(key.naming);
    expect(naming.some((byte) => byte !== 0)).toBe(true);

    await ring.destroy('series-0123456789abcdef0123456789abcdef');
    // The copy the ring handed out is zeroed, as promised …
    expect(key.naming.every((byte) => byte === 0)).toBe(true);
    // … and so is every Buffer `hash()` returned it (or what it was derived from) in.
    const leftOver = digests.outputs.filter((output) => sameBytes(output, naming)).length;
    expect(leftOver, 'un-zeroed copies of the destroyed naming subkey').toBe(0);
  });
});
