/**
 * Which stored event has an id in a stream, without keeping the id: an open-addressing hash
 * table of log indices, at most three quarters full (half full cost ≈ 10 B more an event; a
 * probe compares the stored hash before the event, so a longer run costs little), each slot a
 * log index plus one (0: empty, so a new table needs no filling) and its hash side by side
 * (eight slots per cache line), keyed by the hash of the stream and the id (`id-hash.ts`). A
 * candidate is confirmed against the stored event itself (by the matchers given at creation), so
 * collisions cost a comparison, never a wrong answer.
 */
export interface IdIndex {
  /** The log index of the event in `stream` whose stored id is `id` (encoded; hashed to `hash`), or -1. */
  find(hash: number, stream: number, id: Uint8Array): number;
  /**
   * The same, for an id already written in the id column's slot of log index `slot` (the next
   * event's, before it is stored): compared slot to slot.
   */
  findInSlot(hash: number, stream: number, slot: number): number;
  add(hash: number, index: number): void;
}

/** How a candidate is confirmed: is the event at a log index this id in this stream? */
export interface IdMatchers {
  readonly matches: (index: number, stream: number, id: Uint8Array) => boolean;
  readonly matchesSlot: (index: number, stream: number, slot: number) => boolean;
}

/** An empty id index. */
export function createIdIndex({ matches, matchesSlot }: IdMatchers): IdIndex {
  // Slot s holds the log index plus one at 2s and its hash at 2s + 1.
  let table = new Int32Array(2 * 1024);
  let size = 0;

  const place = (hash: number, entry: number): void => {
    const mask = table.length / 2 - 1;
    let slot = hash & mask;
    while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
    table[2 * slot] = entry;
    table[2 * slot + 1] = hash;
  };

  const grow = (): void => {
    const old = table;
    table = new Int32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2)
      if (old[at] !== 0) place(old[at + 1] as number, old[at] as number);
  };

  return {
    find(hash, stream, id) {
      const mask = table.length / 2 - 1;
      for (let slot = hash & mask; table[2 * slot] !== 0; slot = (slot + 1) & mask) {
        const index = (table[2 * slot] as number) - 1;
        if (table[2 * slot + 1] === hash && matches(index, stream, id)) return index;
      }
      return -1;
    },
    findInSlot(hash, stream, next) {
      const mask = table.length / 2 - 1;
      for (let slot = hash & mask; table[2 * slot] !== 0; slot = (slot + 1) & mask) {
        const index = (table[2 * slot] as number) - 1;
        if (table[2 * slot + 1] === hash && matchesSlot(index, stream, next)) return index;
      }
      return -1;
    },
    add(hash, index) {
      // table.length is twice the slots: grow before more than three quarters are taken.
      if ((size + 1) * 8 > table.length * 3) grow();
      place(hash, index + 1);
      size += 1;
    },
  };
}
