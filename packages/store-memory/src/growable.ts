/** An append-only list of 32-bit integers in a typed array that doubles when full: 4 bytes an entry. */
export interface GrowableInts {
  readonly length: number;
  push(value: number): void;
  at(index: number): number;
  set(index: number, value: number): void;
}

/** An empty list of 32-bit integers. */
export function growableInts(initialCapacity = 16): GrowableInts {
  let items = new Int32Array(initialCapacity);
  let length = 0;
  return {
    get length() {
      return length;
    },
    push(value) {
      if (length === items.length) {
        const larger = new Int32Array(items.length * 2);
        larger.set(items);
        items = larger;
      }
      items[length] = value;
      length += 1;
    },
    at: (index) => items[index] as number,
    set(index, value) {
      if (index < 0 || index >= length) throw new RangeError(`no entry ${index}`);
      items[index] = value;
    },
  };
}
