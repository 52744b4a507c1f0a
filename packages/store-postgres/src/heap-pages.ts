/** Reads the line pointers of PostgreSQL heap pages (the page layout has not changed since 8.3). */
export interface HeapTupleCounter {
  /** Counts the tuples of the next chunk of a heap file (chunks are whole pages). */
  feed(chunk: Uint8Array): void;
  /** Tuples with storage (`LP_NORMAL` line pointers): live rows and row versions not yet removed. */
  readonly tuples: number;
}

const PAGE_HEADER_BYTES = 24;
const LP_NORMAL = 1;

/**
 * Counts stored tuples in a heap file without decoding them: a page's header says where its
 * line-pointer array ends (`pd_lower`), and each 4-byte pointer's flags say whether it points
 * at a stored tuple. A rewritten table (`VACUUM FULL`) holds its live rows and the row versions
 * some snapshot may still see; so when the count equals the live rows, no deleted row remains.
 */
export function countHeapTuples(pageSize: number): HeapTupleCounter {
  let tuples = 0;
  let pending = new Uint8Array(0);
  const page = (bytes: Uint8Array, at: number): void => {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, pageSize);
    const lower = view.getUint16(12, true);
    if (lower === 0) return; // a new, never-initialised page
    for (let pointer = PAGE_HEADER_BYTES; pointer + 4 <= lower; pointer += 4) {
      const flags = (view.getUint32(pointer, true) >>> 15) & 3;
      if (flags === LP_NORMAL) tuples += 1;
    }
  };
  return {
    feed(chunk) {
      const bytes = pending.length === 0 ? chunk : new Uint8Array([...pending, ...chunk]);
      let at = 0;
      for (; at + pageSize <= bytes.length; at += pageSize) page(bytes, at);
      pending = bytes.slice(at);
    },
    get tuples() {
      return tuples;
    },
  };
}
