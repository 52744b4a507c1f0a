/** The shortest needle searched for: shorter byte strings occur by chance in any file. */
export const MIN_NEEDLE_BYTES = 12;

const WINDOW = MIN_NEEDLE_BYTES;
const BASE = 0x01000193;
const FILTER_BITS = 22;

/** Searches byte chunks, fed in file order, for many needles at once. */
export interface NeedleSearch {
  /** Scans the next chunk (a needle that spans two chunks is found). */
  feed(chunk: Uint8Array): void;
  /** Starts a new file: a needle never spans two files. */
  nextFile(): void;
  /** The indexes (into the needles given) of every needle found so far. */
  readonly found: ReadonlySet<number>;
}

function hashWindow(bytes: Uint8Array, at: number): number {
  let hash = 0;
  for (let offset = 0; offset < WINDOW; offset += 1)
    hash = (Math.imul(hash, BASE) + (bytes[at + offset] as number)) >>> 0;
  return hash;
}

/**
 * A Rabin–Karp search for many needles (each at least {@link MIN_NEEDLE_BYTES} long) in one pass
 * over the bytes: a rolling hash of every 12-byte window, a bit filter that rejects almost every
 * position at once, and an exact comparison where a needle's first 12 bytes hash alike. Costs
 * the same for ten needles or a hundred thousand: what reading back a compacted table needs.
 */
export function searchNeedles(needles: readonly Uint8Array[]): NeedleSearch {
  const byHash = new Map<number, number[]>();
  const filter = new Uint8Array(1 << (FILTER_BITS - 3));
  let longest = WINDOW;
  needles.forEach((needle, index) => {
    if (needle.length < WINDOW) throw new RangeError(`a needle must be at least ${WINDOW} bytes`);
    longest = Math.max(longest, needle.length);
    const hash = hashWindow(needle, 0);
    const bit = hash >>> (32 - FILTER_BITS);
    filter[bit >>> 3] = (filter[bit >>> 3] as number) | (1 << (bit & 7));
    const list = byHash.get(hash);
    if (list === undefined) byHash.set(hash, [index]);
    else list.push(index);
  });
  // BASE^(WINDOW-1), to take the outgoing byte out of the rolling hash.
  let outFactor = 1;
  for (let step = 1; step < WINDOW; step += 1) outFactor = Math.imul(outFactor, BASE) >>> 0;

  const found = new Set<number>();
  let tail = new Uint8Array(0);

  const matches = (bytes: Uint8Array, at: number, needle: Uint8Array): boolean => {
    if (at + needle.length > bytes.length) return false;
    for (let offset = 0; offset < needle.length; offset += 1)
      if (bytes[at + offset] !== needle[offset]) return false;
    return true;
  };

  const scan = (bytes: Uint8Array): void => {
    if (bytes.length < WINDOW || needles.length === 0) return;
    let hash = hashWindow(bytes, 0);
    const last = bytes.length - WINDOW;
    for (let at = 0; ; at += 1) {
      const bit = hash >>> (32 - FILTER_BITS);
      if (((filter[bit >>> 3] as number) & (1 << (bit & 7))) !== 0) {
        for (const index of byHash.get(hash) ?? []) {
          if (!found.has(index) && matches(bytes, at, needles[index] as Uint8Array)) found.add(index);
        }
      }
      if (at === last) break;
      const outgoing = Math.imul(bytes[at] as number, outFactor);
      hash = (Math.imul((hash - outgoing) >>> 0, BASE) + (bytes[at + WINDOW] as number)) >>> 0;
    }
  };

  return {
    feed(chunk) {
      const joined = new Uint8Array(tail.length + chunk.length);
      joined.set(tail, 0);
      joined.set(chunk, tail.length);
      scan(joined);
      // Keep what a needle starting near the end could still need; matches inside it are found again (a set).
      tail = joined.slice(Math.max(0, joined.length - (longest - 1)));
    },
    nextFile() {
      tail = new Uint8Array(0);
    },
    found,
  };
}
