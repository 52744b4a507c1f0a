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
 * Pages of typed arrays: the first page doubles until it is full size, then whole pages are
 * added — so a long list is never copied and wastes at most one page's tail (a doubling array
 * wasted a third of its size on average, and copied everything each time it grew).
 *
 * A class, not a closure: every stream has one, and lists made by an object literal each (with
 * a getter of its own) had a shape each, so reading a stream's length went through V8's
 * megamorphic inline cache on every append. The last page is held directly, so a push reads
 * one object and its page.
 */
class PagedInts implements GrowableInts {
  length = 0;
  private readonly pages: Int32Array[];
  /** The last page: the next entry goes at `length & IN_PAGE`. */
  private last: Int32Array;
  /** Entries the pages can hold. */
  private capacity: number;

  constructor(initialCapacity: number) {
    this.last = new Int32Array(Math.min(PAGE, Math.max(1, initialCapacity)));
    this.pages = [this.last];
    this.capacity = this.last.length;
  }

  push(value: number): void {
    const length = this.length;
    if (length === this.capacity) this.grow();
    this.last[length & IN_PAGE] = value;
    this.length = length + 1;
  }

  at(index: number): number {
    return (this.pages[index >>> PAGE_SHIFT] as Int32Array)[index & IN_PAGE] as number;
  }

  set(index: number, value: number): void {
    if (index < 0 || index >= this.length) throw new RangeError(`no entry ${index}`);
    (this.pages[index >>> PAGE_SHIFT] as Int32Array)[index & IN_PAGE] = value;
  }

  /** Doubles the first page while it is smaller than a page; adds a page after. */
  private grow(): void {
    const last = this.last;
    if (last.length < PAGE) {
      const larger = new Int32Array(Math.min(PAGE, last.length * 2));
      larger.set(last);
      this.pages[this.pages.length - 1] = larger;
      this.last = larger;
      this.capacity += larger.length - last.length;
    } else {
      this.last = new Int32Array(PAGE);
      this.pages.push(this.last);
      this.capacity += PAGE;
    }
  }
}

/** An empty list of 32-bit integers (see {@link PagedInts}). */
export function growableInts(initialCapacity = 16): GrowableInts {
  return new PagedInts(initialCapacity);
}
