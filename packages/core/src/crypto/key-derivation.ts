import { hkdfSync } from 'node:crypto';
import { hmacSha256 } from './hmac.js';

/** The subkeys one stored key is split into, so no key serves two purposes. */
export interface Subkeys {
  /** Encrypts event data. */
  readonly encryption: Uint8Array;
  /** Keys the hash that names streams: the name stops resolving when the key is destroyed. */
  readonly naming: Uint8Array;
}

const derive = (key: Uint8Array, purpose: string): Uint8Array =>
  new Uint8Array(hkdfSync('sha256', key, new Uint8Array(0), `pinnstatistik/${purpose}`, 32));

/** HKDF-SHA-256 subkeys of a stored key. */
export function deriveSubkeys(key: Uint8Array): Subkeys {
  return { encryption: derive(key, 'encryption'), naming: derive(key, 'naming') };
}

/** A keyed hash (HMAC-SHA-256, first 128 bits, hex) of some parts: an opaque, stable stream-name suffix. */
export function keyedName(namingKey: Uint8Array, ...parts: readonly string[]): string {
  return hmacSha256(namingKey, parts.join('\u0000')).toString('hex', 0, 16);
}
