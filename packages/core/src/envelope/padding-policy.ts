import type { PrivateStreamKind } from '../streams.js';
import { bucketFor, PaddedSizeExceeded } from './padding.js';

/**
 * Padded plaintext sizes per private stream kind, so every ciphertext of a kind has one length
 * (padding per real event type would reveal the type):
 * - a tally sheet's detail (tallies, voids carrying their tally, ended series, the close): one size;
 * - a period's registry entries: one size;
 * - a series: one size for everything but working notes, which take the smallest of three
 *   buckets they fit (a note of at most `MAX_NOTE_LENGTH` characters fits the largest even if
 *   every character needs a six-byte JSON escape).
 */
export const PADDED_SIZES = {
  tally: [1024],
  registry: [384],
  series: [512, 2048, 16_384],
} as const satisfies Record<PrivateStreamKind, readonly number[]>;

/** The padded size of a plaintext in a stream of this kind; throws {@link PaddedSizeExceeded} when it fits no bucket. */
export function paddedSizeFor(kind: PrivateStreamKind, length: number): number {
  const size = bucketFor(length, PADDED_SIZES[kind]);
  if (size === undefined) throw new PaddedSizeExceeded(length, Math.max(...PADDED_SIZES[kind]));
  return size;
}
