import { randomBytes } from 'node:crypto';

/**
 * Two 32-bit hashes of a string (FNV-1a over its UTF-16 code units, each from a seed of this
 * process): the key of a compact index that keeps no strings. Seeded per process so ids that
 * collide cannot be chosen in advance; a collision costs a read, never a wrong answer —
 * every index hit is confirmed against the stored event.
 */
const seeds = new Uint32Array(randomBytes(8).buffer);
const FNV_PRIME = 0x01000193;

/** The fingerprint of `text`, written into `into[0]` and `into[1]`. */
export function fingerprint(text: string, into: Uint32Array): void {
  let low = (seeds[0] as number) ^ 0x811c9dc5;
  let high = (seeds[1] as number) ^ 0x050c5d1f;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    low = Math.imul(low ^ unit, FNV_PRIME);
    high = Math.imul(high ^ (unit + 0x9e37), 0x5bd1e995);
    high ^= high >>> 15;
  }
  into[0] = low >>> 0;
  into[1] = high >>> 0;
}
