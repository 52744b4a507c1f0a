import { COLUMN_ID_LENGTH, type IdColumn, slotOffset } from './id-column.js';
import { finishHash, mixBlock, seedOf } from './id-hash.js';

/**
 * Writes a column id (36 ASCII characters: a UUID, what the core writes) straight into the id
 * column's slot of log index `index`, hashing it on the way (the hash `hashOfId` gives its
 * encoded form): one pass over the string, no scratch copy. Returns the hash, or -1 — with the
 * slot left zeros — when the id is not a column id.
 */
export function writeColumnIdHashed(column: IdColumn, index: number, id: string, stream: number): number {
  if (id.length !== COLUMN_ID_LENGTH) return -1;
  const page = column.pageFor(index);
  const at = slotOffset(index);
  let hash = seedOf(stream);
  for (let offset = 0; offset < COLUMN_ID_LENGTH; offset += 4) {
    const a = id.charCodeAt(offset);
    const b = id.charCodeAt(offset + 1);
    const c = id.charCodeAt(offset + 2);
    const d = id.charCodeAt(offset + 3);
    if ((a | b | c | d) > 0x7f) {
      page.fill(0, at, at + COLUMN_ID_LENGTH);
      return -1;
    }
    page[at + offset] = a;
    page[at + offset + 1] = b;
    page[at + offset + 2] = c;
    page[at + offset + 3] = d;
    hash = mixBlock(hash, a | (b << 8) | (c << 16) | (d << 24));
  }
  return finishHash(hash, 0, COLUMN_ID_LENGTH);
}
