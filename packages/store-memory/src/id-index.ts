/**
 * Which stored event has an id in a stream, without keeping the id: an open-addressing hash
 * table of log indices (4 bytes a slot, at most half full), keyed by a hash of the stream and
 * the id. A candidate is confirmed against the stored event itself, so collisions cost a
 * comparison, never a wrong answer.
 */
export interface IdIndex {
  /** The log index of the event with this id in this stream, or -1. */
  find(stream: number, id: string, matches: (index: number) => boolean): number;
  add(stream: number, id: string, index: number): void;
}

function hashOf(stream: number, id: string): number {
  // FNV-1a over the id's code units, seeded with the stream's ordinal.
  let hash = (0x811c9dc5 ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0;
  for (let position = 0; position < id.length; position += 1) {
    hash ^= id.charCodeAt(position);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** An empty id index. */
export function createIdIndex(): IdIndex {
  let slots = new Int32Array(1024).fill(-1);
  let hashes = new Uint32Array(1024);
  let size = 0;

  const place = (hash: number, index: number): void => {
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = index;
    hashes[slot] = hash;
  };

  const grow = (): void => {
    const oldSlots = slots;
    const oldHashes = hashes;
    slots = new Int32Array(oldSlots.length * 2).fill(-1);
    hashes = new Uint32Array(oldSlots.length * 2);
    for (let slot = 0; slot < oldSlots.length; slot += 1)
      if (oldSlots[slot] !== -1) place(oldHashes[slot] as number, oldSlots[slot] as number);
  };

  return {
    find(stream, id, matches) {
      const hash = hashOf(stream, id);
      const mask = slots.length - 1;
      for (let slot = hash & mask; slots[slot] !== -1; slot = (slot + 1) & mask) {
        if (hashes[slot] === hash && matches(slots[slot] as number)) return slots[slot] as number;
      }
      return -1;
    },
    add(stream, id, index) {
      if ((size + 1) * 2 > slots.length) grow();
      place(hashOf(stream, id), index);
      size += 1;
    },
  };
}
