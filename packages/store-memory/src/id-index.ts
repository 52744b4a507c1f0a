/**
 * Which stored event has an id in a stream, without keeping the id: an open-addressing hash
 * table of log indices, at most three quarters full (half full cost ≈ 10 B more an event; a
 * probe compares the stored hash before the event, so a longer run costs little), each slot a
 * log index and its hash side by side (eight slots per cache line), keyed by a hash of the
 * stream and the stored id. A candidate is
 * confirmed against the stored event itself (by the `matches` given at creation), so
 * collisions cost a comparison, never a wrong answer.
 */
export interface IdIndex {
  /** The log index of the event in `stream` whose stored id is `id` (hashed to `hash`), or -1. */
  find(hash: number, stream: number, id: Uint8Array): number;
  add(hash: number, index: number): void;
}

/** The hash of a stored id (its encoded bytes) in a stream: FNV-1a, seeded with the stream's ordinal. */
export function hashOfId(stream: number, id: Uint8Array): number {
  let hash = (0x811c9dc5 ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  for (let at = 0; at < id.length; at += 1) {
    hash ^= id[at] as number;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x7fffffff;
}

const EMPTY = -1;

/** An empty id index; `matches` tells whether the event at a log index is this id in this stream. */
export function createIdIndex(matches: (index: number, stream: number, id: Uint8Array) => boolean): IdIndex {
  // Slot s holds the log index at 2s and its hash at 2s + 1.
  let table = new Int32Array(2 * 1024).fill(EMPTY);
  let size = 0;

  const place = (hash: number, index: number): void => {
    const mask = table.length / 2 - 1;
    let slot = hash & mask;
    while (table[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
    table[2 * slot] = index;
    table[2 * slot + 1] = hash;
  };

  const grow = (): void => {
    const old = table;
    table = new Int32Array(old.length * 2).fill(EMPTY);
    for (let at = 0; at < old.length; at += 2)
      if (old[at] !== EMPTY) place(old[at + 1] as number, old[at] as number);
  };

  return {
    find(hash, stream, id) {
      const mask = table.length / 2 - 1;
      for (let slot = hash & mask; table[2 * slot] !== EMPTY; slot = (slot + 1) & mask) {
        const index = table[2 * slot] as number;
        if (table[2 * slot + 1] === hash && matches(index, stream, id)) return index;
      }
      return -1;
    },
    add(hash, index) {
      // table.length is twice the slots: grow before more than three quarters are taken.
      if ((size + 1) * 8 > table.length * 3) grow();
      place(hash, index);
      size += 1;
    },
  };
}
