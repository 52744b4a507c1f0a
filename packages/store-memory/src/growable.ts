/** An append-only list of 32-bit integers: 4 bytes an entry. */
export interface GrowableInts {
  readonly length: number;
  push(value: number): void;
  at(index: number): number;
  set(index: number, value: number): void;
}

const PAGE_SHIFT = 14;
/** Entries per page (64 KiB). */
const PAGE = 1 << PAGE_SHIFT;
const IN_PAGE = PAGE - 1;

/**
 * An empty list of 32-bit integers in pages of typed arrays: the first page doubles until it
 * is full size, then whole pages are added — so a long list is never copied and wastes at most
 * one page's tail (a doubling array wasted a third of its size on average, and copied
 * everything each time it grew).
 */
export function growableInts(initialCapacity = 16): GrowableInts {
  const pages: Int32Array[] = [new Int32Array(Math.min(PAGE, Math.max(1, initialCapacity)))];
  let length = 0;
  return {
    get length() {
      return length;
    },
    push(value) {
      const page = length >>> PAGE_SHIFT;
      let items = pages[page];
      const at = length & IN_PAGE;
      if (items === undefined) {
        items = new Int32Array(PAGE);
        pages.push(items);
      } else if (at === items.length) {
        const larger = new Int32Array(Math.min(PAGE, items.length * 2));
        larger.set(items);
        items = larger;
        pages[page] = items;
      }
      items[at] = value;
      length += 1;
    },
    at: (index) => (pages[index >>> PAGE_SHIFT] as Int32Array)[index & IN_PAGE] as number,
    set(index, value) {
      if (index < 0 || index >= length) throw new RangeError(`no entry ${index}`);
      (pages[index >>> PAGE_SHIFT] as Int32Array)[index & IN_PAGE] = value;
    },
  };
}
