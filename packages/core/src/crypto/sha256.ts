import { hash } from 'node:crypto';

/**
 * SHA-256 of bytes that are not secret, as 32 bytes on V8's own heap. A digest returned as a
 * Buffer costs an allocation outside the heap (≈ 1 µs on the bench machine: more than hashing a
 * kilobyte); taken as a latin1 ('binary') string and copied into a small typed array, ≈ 60 ns.
 * A string cannot be zeroed, so nothing derived from a key goes through here (see `hmac.ts`).
 */
export function sha256Public(data: Uint8Array | string): Uint8Array {
  const text = hash('sha256', data, 'binary');
  const digest = new Uint8Array(32);
  for (let at = 0; at < 32; at += 1) digest[at] = text.charCodeAt(at);
  return digest;
}
