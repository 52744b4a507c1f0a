import { growableInts } from './growable.js';

// 1 MiB: the unused tail of the newest chunk is the only slack (8 MiB chunks left ≈ 40 B an event
// unused at 100,000 tally events).
const CHUNK_BYTES = 1024 * 1024;

/**
 * Records as bytes, packed end to end in large buffers: a record costs its bytes and 12 bytes
 * of offsets — no object, no string, no slack — and the log never copies what it holds.
 * Readers and writers address a record by its chunk and offset (no view is made per record).
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
  /** Overwrites a record with zeros and makes it empty: its bytes are gone from memory. */
  wipe(index: number): void;
  /** Bytes held in records (wiped ones no longer count). */
  readonly bytes: number;
  /** The raw buffers, wiped records included: every byte the log has written (a chunk's unused tail is left out). */
  chunks(): readonly Uint8Array[];
}

/** An empty byte log. */
export function createByteLog(): ByteLog {
  const chunks: Uint8Array[] = [];
  const chunkOf = growableInts(4096);
  const startOf = growableInts(4096);
  const lengthOf = growableInts(4096);
  let current = new Uint8Array(0);
  let used = 0;
  let bytes = 0;

  const log: ByteLog = {
    get length() {
      return lengthOf.length;
    },
    get bytes() {
      return bytes;
    },
    reserve(size) {
      if (current.length - used < size) {
        current = new Uint8Array(Math.max(CHUNK_BYTES, size));
        chunks.push(current);
        used = 0;
      }
      chunkOf.push(chunks.length - 1);
      startOf.push(used);
      lengthOf.push(size);
      used += size;
      bytes += size;
      return lengthOf.length - 1;
    },
    chunkAt: (index) => chunks[chunkOf.at(index)] as Uint8Array,
    offsetAt: (index) => startOf.at(index),
    lengthAt: (index) => lengthOf.at(index),
    at(index) {
      const start = startOf.at(index);
      return (chunks[chunkOf.at(index)] as Uint8Array).subarray(start, start + lengthOf.at(index));
    },
    chunks: () => chunks.map((chunk) => (chunk === current ? chunk.subarray(0, used) : chunk)),
    wipe(index) {
      const record = log.at(index);
      bytes -= record.length;
      record.fill(0);
      lengthOf.set(index, 0);
    },
  };
  return log;
}
