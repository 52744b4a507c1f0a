import { slabBytes } from '../envelope/byte-slab.js';
import type { Cipher } from './cipher.js';

/** The part of `sodium-native` the XChaCha20-Poly1305 cipher uses (pass the module itself). */
export interface SodiumNative {
  readonly crypto_aead_xchacha20poly1305_ietf_NPUBBYTES: number;
  readonly crypto_aead_xchacha20poly1305_ietf_ABYTES: number;
  randombytes_buf(buffer: Uint8Array): void;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
    ciphertext: Uint8Array,
    message: Uint8Array,
    additionalData: Uint8Array | null,
    secretNonce: null,
    publicNonce: Uint8Array,
    key: Uint8Array,
  ): number;
  crypto_aead_xchacha20poly1305_ietf_decrypt(
    message: Uint8Array,
    secretNonce: null,
    ciphertext: Uint8Array,
    additionalData: Uint8Array | null,
    publicNonce: Uint8Array,
    key: Uint8Array,
  ): number;
}

/**
 * XChaCha20-Poly1305 from `sodium-native` (an optional peer dependency: pass the module, e.g.
 * `createXChaChaCipher(require('sodium-native'))`). About five times faster per small event
 * than node's AES-GCM, and its 192-bit random nonces never need counting.
 */
export function createXChaChaCipher(sodium: SodiumNative): Cipher {
  const NONCE = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  const TAG = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES;
  // Random nonces drawn from a pooled buffer, refilled by libsodium's CSPRNG: one call per
  // 1,024 events instead of one per event. Every nonce is still 192 fresh random bits.
  const POOL = NONCE * 1024;
  const pool = new Uint8Array(POOL);
  let offset = POOL;
  // The nonce being opened, copied out of the sealed bytes, and the last plaintext view handed
  // out: two fresh views per event cost ≈ 50 ns, about 1 % of an open-year rebuild's event.
  const opening = new Uint8Array(NONCE);
  let lastInto: Uint8Array | undefined;
  let lastView: Uint8Array = new Uint8Array(0);
  const plaintextView = (into: Uint8Array, length: number): Uint8Array => {
    if (into !== lastInto || lastView.length !== length) {
      lastView = into.subarray(0, length);
      lastInto = into;
    }
    return lastView;
  };
  return {
    algorithm: 'xchacha20-poly1305',
    encrypt(key, plaintext, associatedData) {
      // Cut from a slab: a ciphertext is stored as it is, and a buffer of its own cost ≈ 2 µs.
      const sealed = slabBytes(NONCE + plaintext.length + TAG);
      const nonce = sealed.subarray(0, NONCE);
      if (offset === POOL) {
        sodium.randombytes_buf(pool);
        offset = 0;
      }
      nonce.set(pool.subarray(offset, offset + NONCE));
      offset += NONCE;
      sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
        sealed.subarray(NONCE),
        plaintext,
        associatedData,
        null,
        nonce,
        key,
      );
      return sealed;
    },
    decrypt(key, sealed, associatedData, into) {
      if (sealed.length < NONCE + TAG) return undefined;
      const length = sealed.length - NONCE - TAG;
      // A fresh 1 KiB buffer per event cost nearly as much as decrypting it.
      const plain =
        into !== undefined && into.length >= length ? plaintextView(into, length) : new Uint8Array(length);
      for (let at = 0; at < NONCE; at += 1) opening[at] = sealed[at] as number;
      try {
        sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
          plain,
          null,
          sealed.subarray(NONCE),
          associatedData,
          opening,
          key,
        );
        return plain;
      } catch {
        return undefined;
      }
    },
  };
}
