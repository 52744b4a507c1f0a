import type { CodecContext, EventCodec } from '../envelope/event-codec.js';
import type { JsonValue } from '../json.js';
import type { Cipher } from './cipher.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Associated data binding a ciphertext to its stream and event id, so it cannot be moved. */
export function associatedData(context: CodecContext): Uint8Array {
  return encoder.encode(`${context.stream}\u0000${context.eventId}\u0000${context.type}`);
}

/** Thrown when stored ciphertext does not open under its key: tampering or the wrong key, never ignored. */
export class DecryptionError extends Error {
  readonly code = 'DECRYPTION_FAILED' as const;
  constructor(context: CodecContext) {
    super(`event ${context.eventId} in ${context.stream} does not decrypt under its key`);
    this.name = 'DecryptionError';
  }
}

/** A codec that stores data as base64 ciphertext under one key (a period's or a series'). */
export function createEncryptedCodec(cipher: Cipher, key: Uint8Array): EventCodec {
  let sealedScratch = Buffer.allocUnsafeSlow(1024);
  let adScratch = Buffer.allocUnsafeSlow(256);
  return {
    name: cipher.algorithm,
    encode(data, context) {
      const sealed = cipher.encrypt(key, encoder.encode(JSON.stringify(data)), associatedData(context));
      return Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength).toString('base64');
    },
    decode(stored, context): JsonValue {
      if (typeof stored !== 'string') throw new DecryptionError(context);
      // Ciphertext and associated data are decoded into buffers kept between calls (decryption
      // is synchronous and the cipher copies what it returns), not into fresh ones per event.
      const sealedBytes = Math.ceil((stored.length * 3) / 4);
      if (sealedBytes > sealedScratch.length) sealedScratch = Buffer.allocUnsafeSlow(sealedBytes * 2);
      const sealed = sealedScratch.subarray(0, sealedScratch.write(stored, 'base64'));
      const text = `${context.stream}\u0000${context.eventId}\u0000${context.type}`;
      if (text.length * 3 > adScratch.length) adScratch = Buffer.allocUnsafeSlow(text.length * 6);
      const ad = adScratch.subarray(0, adScratch.write(text, 'utf8'));
      const plain = cipher.decrypt(key, sealed, ad);
      if (plain === undefined) throw new DecryptionError(context);
      return JSON.parse(decoder.decode(plain)) as JsonValue;
    },
  };
}
