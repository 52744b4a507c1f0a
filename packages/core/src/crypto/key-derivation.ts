import { hmacSha256, hmacSha256Hex } from './hmac.js';

/** The subkeys one stored key is split into, so no key serves two purposes. */
export interface Subkeys {
  /** Encrypts event data. */
  readonly encryption: Uint8Array;
  /** Keys the hash that names streams: the name stops resolving when the key is destroyed. */
  readonly naming: Uint8Array;
  /**
   * Proves that a public record was written by the key's holder (a period's seal): one written by
   * anyone without the key fails its proof.
   */
  readonly proof: Uint8Array;
}

const NO_SALT = new Uint8Array(32);

/**
 * HKDF-Expand (RFC 5869) of one 32-byte block: T(1) = HMAC(PRK, info ‖ 0x01). The digest's own
 * bytes are the subkey (no copy is made), so zeroing the subkey zeroes every copy.
 */
function expand(prk: Uint8Array, purpose: string): Uint8Array {
  const digest = hmacSha256(prk, `pinnstatistik/${purpose}\u0001`);
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

/**
 * HKDF-SHA-256 subkeys of a stored key (RFC 5869, no salt, 32 bytes each): the same bytes as
 * node's `hkdfSync`, with the extraction done once for both subkeys and no native object per
 * step — `hkdfSync` cost ≈ 10 µs a subkey, a fifth of opening a series.
 */
export function deriveSubkeys(key: Uint8Array): Subkeys {
  const prk = hmacSha256(NO_SALT, key);
  const subkeys = {
    encryption: expand(prk, 'encryption'),
    naming: expand(prk, 'naming'),
    proof: expand(prk, 'proof'),
  };
  prk.fill(0);
  return subkeys;
}

/** A keyed hash (HMAC-SHA-256, first 128 bits, hex) of some parts: an opaque, stable stream-name suffix. */
export function keyedName(namingKey: Uint8Array, ...parts: readonly string[]): string {
  return hmacSha256Hex(namingKey, parts.join('\u0000')).slice(0, 32);
}
