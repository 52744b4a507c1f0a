import { hash } from 'node:crypto';
import { hmacSha256 } from '../crypto/hmac.js';

function asUuid(digest: Buffer): string {
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x80;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id of the `index`-th event a command writes to a *public* stream: a UUID (version 8)
 * derived from the command id, so a retried command produces the same ids and stores
 * de-duplicate it.
 */
export function deriveEventId(commandId: string, stream: string, index: number): string {
  return asUuid(hash('sha256', `${commandId}\u0000${stream}\u0000${index}`, 'buffer'));
}

/**
 * The id of the `index`-th event a command writes to a *private* stream: keyed with the
 * stream's naming key, so it is stable for retries but cannot be computed, or matched with
 * an id in another stream, without that key.
 */
export function keyedEventId(namingKey: Uint8Array, commandId: string, index: number): string {
  return asUuid(hmacSha256(namingKey, `event\u0000${commandId}\u0000${index}`));
}
