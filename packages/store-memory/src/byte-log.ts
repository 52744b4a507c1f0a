import { growableInts } from './growable.js';

// 1 MiB: the unused tail of the newest chunk is the only slack (8 MiB chunks left ≈ 40 B an event
// unused at 100,000 tally events).
const CHUNK_BYTES = 1024 * 1024;

/**
 * Records as bytes, packed end to end in large buffers: a record costs its bytes and 4 bytes
 * of offset (its chunk is found from the chunks' first indices, its end is the next record's
 * start or its chunk's end) — no object, no string, no slack — and the log never copies what it
 * holds. Readers and writers address a record by its chunk and offset (no view is made per
 * record).
 */
export interface ByteLog {
  readonly length: number;
  /** Reserves `size` bytes for a new record and returns its index; write it at `chunkAt(index)`, `offsetAt(index)`. */
  reserve(size: number): number;
  /** The buffer holding a record (read it, never keep a view of it past a `wipe`). */
  chunkAt(index: number): Uint8Array;
  offsetAt(index: number): number;
  lengthAt(index: number): number;
  /** The record at an index, as a view. */
  at(index: number): Uint8Array;
  /** Overwrites a record with zeros: its bytes are gone from memory (its length stays). */
  wipe(index: number): void;
  /** The raw buffers, wiped records included: every byte the log has written (a chunk's unused tail is left out). */
  chunks(): readonly Uint8Array[];
}

/** An empty byte log. */
export function createByteLog(): ByteLog {
  const chunks: Uint8Array[] = [];
  /** The log index of each chunk's first record (every chunk holds at least one). */
  const firstOf: number[] = [];
  /** Bytes used in each chunk before the newest: the end of its last record. */
  const usedOf: number[] = [];
  const startOf = growableInts(4096);
  let current = new Uint8Array(0);
  let used = 0;
  // The chunk of the last lookup: reads in log order ask for it again and again.
  let lastChunk = 0;

  const chunkIndexOf = (index: number): number => {
    const cached = lastChunk;
    if (
      index >= (firstOf[cached] as number) &&
      (cached + 1 === firstOf.length || index < (firstOf[cached + 1] as number))
    )
      return cached;
    let low = 0;
    let high = firstOf.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((firstOf[middle] as number) <= index) low = middle;
      else high = middle - 1;
    }
    lastChunk = low;
    return low;
  };

  const lengthAt = (index: number): number => {
    const chunk = chunkIndexOf(index);
    const last = chunk === chunks.length - 1;
    const next = index + 1;
    const end =
      next < startOf.length && (last || next < (firstOf[chunk + 1] as number))
        ? startOf.at(next)
        : last
          ? used
          : (usedOf[chunk] as number);
    return end - startOf.at(index);
  };

  const log: ByteLog = {
    get length() {
      return startOf.length;
    },
    reserve(size) {
      if (current.length - used < size) {
        if (chunks.length > 0) usedOf.push(used);
        current = new Uint8Array(Math.max(CHUNK_BYTES, size));
        chunks.push(current);
        firstOf.push(startOf.length);
        used = 0;
      }
      startOf.push(used);
      used += size;
      return startOf.length - 1;
    },
    chunkAt: (index) => chunks[chunkIndexOf(index)] as Uint8Array,
    offsetAt: (index) => startOf.at(index),
    lengthAt,
    at(index) {
      const start = startOf.at(index);
      return (chunks[chunkIndexOf(index)] as Uint8Array).subarray(start, start + lengthAt(index));
    },
    chunks: () => chunks.map((chunk) => (chunk === current ? chunk.subarray(0, used) : chunk)),
    wipe(index) {
      log.at(index).fill(0);
    },
  };
  return log;
}
