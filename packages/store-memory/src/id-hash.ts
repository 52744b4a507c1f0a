/**
 * The hash an id is indexed by in its stream: MurmurHash3 (x86, 32-bit) of the id's bytes,
 * seeded with the stream's ordinal. Four bytes a step (a UUID is nine steps, against 37 for a
 * byte-at-a-time hash), so an append can hash an id while it copies it (see `column-id.ts`).
 */

import { inColumn } from './event-record.js';
import { COLUMN_ID_LENGTH } from './id-column.js';

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** The seed of a stream's ids. */
export const seedOf = (stream: number): number => Math.imul(stream + 1, 0x9e3779b1) >>> 0;

/** Mixes one little-endian 32-bit block into the hash. */
export function mixBlock(hash: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  let h = hash ^ k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Mixes the last 1–3 bytes (`tail`, little-endian; 0 with none) and the length; non-negative. */
export function finishHash(hash: number, tail: number, length: number): number {
  let h = hash;
  if (tail !== 0) {
    let k = Math.imul(tail, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & 0x7fffffff;
}

/** The hash of `length` bytes of `bytes` from `from`, in a stream. */
export function hashBytes(stream: number, bytes: Uint8Array, from: number, length: number): number {
  let hash = seedOf(stream);
  const end = from + (length & ~3);
  let at = from;
  for (; at < end; at += 4)
    hash = mixBlock(
      hash,
      (bytes[at] as number) |
        ((bytes[at + 1] as number) << 8) |
        ((bytes[at + 2] as number) << 16) |
        ((bytes[at + 3] as number) << 24),
    );
  let tail = 0;
  for (let shift = 0; at < from + length; at += 1, shift += 8) tail |= (bytes[at] as number) << shift;
  return finishHash(hash, tail, length);
}

/**
 * The hash of an encoded id (`encodeId`) in a stream: of its 36 characters for a column id (as
 * `writeColumnIdHashed` computes it), of all its encoded bytes otherwise.
 */
export const hashOfId = (stream: number, id: Uint8Array): number =>
  inColumn(id) ? hashBytes(stream, id, 1, COLUMN_ID_LENGTH) : hashBytes(stream, id, 0, id.length);
