import { hash } from 'node:crypto';
import { hmacSha256Hex } from '../crypto/hmac.js';

/** A version 8 UUID from a digest's first 16 bytes, in hex (version nibble 8, variant bits 10). */
function uuidFromHex(hex: string): string {
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id of the `index`-th event a command writes to a *public* stream: a UUID (version 8)
 * derived from the command id, so a retried command produces the same ids and stores
 * de-duplicate it.
 */
export function deriveEventId(commandId: string, stream: string, index: number): string {
  // As hex, not a Buffer: a digest as a Buffer is an allocation outside V8's heap.
  return uuidFromHex(hash('sha256', `${commandId}\u0000${stream}\u0000${index}`, 'hex'));
}

/**
 * The id of the `index`-th event a command writes to a *private* stream: keyed with the
 * stream's naming key, so it is stable for retries but cannot be computed, or matched with
 * an id in another stream, without that key.
 */
export function keyedEventId(namingKey: Uint8Array, commandId: string, index: number): string {
  return uuidFromHex(hmacSha256Hex(namingKey, `event\u0000${commandId}\u0000${index}`));
}
