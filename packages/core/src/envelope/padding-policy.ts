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

/** The only event type whose padded size may vary: a working note (see {@link PADDED_SIZES}). */
const BUCKETED_TYPE = 'NoteWritten';

/**
 * The padded size of a plaintext of an event type in a stream of this kind; throws
 * {@link PaddedSizeExceeded} when it does not fit. Only a working note takes a larger bucket: any
 * other event that outgrew its kind's first size would otherwise be padded like a note, and its
 * length would tell it apart from every other event of its stream.
 */
export function paddedSizeFor(kind: PrivateStreamKind, length: number, type: string): number {
  const sizes: readonly number[] =
    type === BUCKETED_TYPE ? PADDED_SIZES[kind] : PADDED_SIZES[kind].slice(0, 1);
  const size = bucketFor(length, sizes);
  if (size === undefined) throw new PaddedSizeExceeded(length, Math.max(...sizes));
  return size;
}
