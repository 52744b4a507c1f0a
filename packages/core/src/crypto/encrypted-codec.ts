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
  return {
    name: cipher.algorithm,
    encode(data, context) {
      const sealed = cipher.encrypt(key, encoder.encode(JSON.stringify(data)), associatedData(context));
      return Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength).toString('base64');
    },
    decode(stored, context): JsonValue {
      if (typeof stored !== 'string') throw new DecryptionError(context);
      const plain = cipher.decrypt(key, Buffer.from(stored, 'base64'), associatedData(context));
      if (plain === undefined) throw new DecryptionError(context);
      return JSON.parse(decoder.decode(plain)) as JsonValue;
    },
  };
}
