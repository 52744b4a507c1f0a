/**
 * The ids of the log's events as text, one fixed slot of 36 one-byte characters per log index
 * (a UUID, what the core writes): no string is kept per event (≈ 60 B an event on the heap),
 * and a run of consecutive events' ids is read with one latin1 decoding, each id then a slice
 * of it — nearly as cheap as a kept string. An id of any other length or with a non-ASCII
 * character is kept in its record instead, and its slot stays zeros.
 */
export interface IdColumn {
  /** Writes an id's 36 characters (`ascii[from..from + 36)`) into the slot of `index`. */
  write(index: number, ascii: Uint8Array, from: number): void;
  /** Whether the slot of `index` holds exactly `ascii[from..from + 36)`. */
  holds(index: number, ascii: Uint8Array, from: number): boolean;
  /** Whether the slots of two indices hold the same id. */
  same(index: number, other: number): boolean;
  /** The page holding the slot of `index` (made if new): write it at `slotOffset(index)`. */
  pageFor(index: number): Uint8Array;
  /** The id in the slot of `index`, spelled alone (a read of one stream's scattered events). */
  idAt(index: number): string;
  /**
   * The ids of `count` consecutive log indices from `first`, as one string of 36 characters
   * each (`count` is cut at the end of the slot page holding `first`, and is 0 where no id was
   * ever written: check the length).
   */
  run(first: number, count: number): string;
  /** Overwrites the slot of `index` with zeros. */
  wipe(index: number): void;
  /** The raw pages: every id byte the column has written. */
  pages(): readonly Uint8Array[];
}

/** Characters in a column id. */
export const COLUMN_ID_LENGTH = 36;
const PAGE_SHIFT = 12;
/** Slots per page (4,096: 144 KiB). */
const PAGE_SLOTS = 1 << PAGE_SHIFT;
const IN_PAGE = PAGE_SLOTS - 1;

// Node's latin1 decoding of any byte view, without making a Buffer view per call.
const latin1Slice = Buffer.prototype.latin1Slice as (this: Uint8Array, start: number, end: number) => string;

/** Where the slot of `index` starts in its page. */
export const slotOffset = (index: number): number => (index & IN_PAGE) * COLUMN_ID_LENGTH;

/** An empty id column. */
export function createIdColumn(): IdColumn {
  const pages: Uint8Array[] = [];
  const pageOf = (index: number): Uint8Array => {
    const page = index >>> PAGE_SHIFT;
    while (pages.length <= page) pages.push(new Uint8Array(PAGE_SLOTS * COLUMN_ID_LENGTH));
    return pages[page] as Uint8Array;
  };
  return {
    write(index, ascii, from) {
      const page = pageOf(index);
      const at = (index & IN_PAGE) * COLUMN_ID_LENGTH;
      for (let offset = 0; offset < COLUMN_ID_LENGTH; offset += 1)
        page[at + offset] = ascii[from + offset] as number;
    },
    holds(index, ascii, from) {
      const page = pages[index >>> PAGE_SHIFT];
      if (page === undefined) return false;
      const at = (index & IN_PAGE) * COLUMN_ID_LENGTH;
      for (let offset = 0; offset < COLUMN_ID_LENGTH; offset += 1)
        if (page[at + offset] !== ascii[from + offset]) return false;
      return true;
    },
    same(index, other) {
      const page = pages[index >>> PAGE_SHIFT];
      const otherPage = pages[other >>> PAGE_SHIFT];
      if (page === undefined || otherPage === undefined) return false;
      const at = (index & IN_PAGE) * COLUMN_ID_LENGTH;
      const otherAt = (other & IN_PAGE) * COLUMN_ID_LENGTH;
      for (let offset = 0; offset < COLUMN_ID_LENGTH; offset += 1)
        if (page[at + offset] !== otherPage[otherAt + offset]) return false;
      return true;
    },
    pageFor: pageOf,
    idAt(index) {
      const page = pages[index >>> PAGE_SHIFT] as Uint8Array;
      const at = (index & IN_PAGE) * COLUMN_ID_LENGTH;
      return latin1Slice.call(page, at, at + COLUMN_ID_LENGTH);
    },
    run(first, count) {
      // No page yet: every id so far was kept in its record.
      const page = pages[first >>> PAGE_SHIFT];
      if (page === undefined) return '';
      const slot = first & IN_PAGE;
      const slots = Math.min(count, PAGE_SLOTS - slot);
      return latin1Slice.call(page, slot * COLUMN_ID_LENGTH, (slot + slots) * COLUMN_ID_LENGTH);
    },
    wipe(index) {
      const page = pages[index >>> PAGE_SHIFT];
      if (page === undefined) return;
      const at = (index & IN_PAGE) * COLUMN_ID_LENGTH;
      page.fill(0, at, at + COLUMN_ID_LENGTH);
    },
    pages: () => pages,
  };
}
