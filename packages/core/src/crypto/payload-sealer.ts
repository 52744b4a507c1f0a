import type { PayloadSealer, SealContext } from '../envelope/seal-event.js';
import type { Cipher } from './cipher.js';

/** Associated data binding a sealed payload to its stream and event id, so it cannot be moved. */
export function associatedData(context: SealContext): Uint8Array {
  return Buffer.from(`${context.stream}\u0000${context.eventId}`, 'utf8');
}

/** Seals payloads under one key (a period's or a series') with a cipher. */
export function createPayloadSealer(cipher: Cipher, key: Uint8Array): PayloadSealer {
  return {
    algorithm: cipher.algorithm,
    seal: (plaintext, context) => cipher.encrypt(key, plaintext, associatedData(context)),
    open: (sealed, context) => cipher.decrypt(key, sealed, associatedData(context)),
  };
}
