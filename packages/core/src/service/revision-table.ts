import { fingerprint } from './fingerprint.js';

/**
 * Revisions of a stream by a string key (a command id, a tally id), keeping no strings: each
 * key as a 64-bit fingerprint beside the revision, in typed arrays (at most 16 bytes an entry:
 * open addressing up to ¾ full). A key may have several entries, and other keys may share a
 * fingerprint: a hit names *candidates*, which the caller confirms against the store.
 */
export interface RevisionTable {
  /** Entries in the table. */
  readonly size: number;
  add(key: string, revision: number): void;
  /** The revisions entered under `key`'s fingerprint that are below `below`, oldest first. */
  candidates(key: string, below: number): number[];
  /** A table of the entries below `below` only (a branch from an older state). */
  copyBelow(below: number): RevisionTable;
}

/** How a key becomes its 64-bit fingerprint (tests pass one that collides on purpose). */
export type Fingerprinter = (key: string, into: Uint32Array) => void;

const EMPTY = -1;
const scratch = new Uint32Array(2);

const slotFor = (fpLow: number, fpHigh: number, mask: number): number =>
  ((fpLow ^ Math.imul(fpHigh, 0x9e3779b1)) >>> 0) & mask;

class FingerprintTable implements RevisionTable {
  #low: Uint32Array;
  #high: Uint32Array;
  #revisions: Int32Array;
  #size = 0;
  readonly #fingerprint: Fingerprinter;

  constructor(capacity: number, fingerprintOf: Fingerprinter) {
    this.#fingerprint = fingerprintOf;
    this.#low = new Uint32Array(capacity);
    this.#high = new Uint32Array(capacity);
    this.#revisions = new Int32Array(capacity).fill(EMPTY);
  }

  get size(): number {
    return this.#size;
  }

  add(key: string, revision: number): void {
    this.#fingerprint(key, scratch);
    this.#enter(scratch[0] as number, scratch[1] as number, revision);
  }

  candidates(key: string, below: number): number[] {
    this.#fingerprint(key, scratch);
    const [fpLow, fpHigh] = [scratch[0] as number, scratch[1] as number];
    const revisions = this.#revisions;
    const mask = revisions.length - 1;
    const found: number[] = [];
    for (let slot = slotFor(fpLow, fpHigh, mask); revisions[slot] !== EMPTY; slot = (slot + 1) & mask) {
      const revision = revisions[slot] as number;
      if (this.#low[slot] === fpLow && this.#high[slot] === fpHigh && revision < below) found.push(revision);
    }
    return found.sort((a, b) => a - b);
  }

  copyBelow(below: number): RevisionTable {
    const copy = new FingerprintTable(this.#revisions.length, this.#fingerprint);
    this.#forEach((fpLow, fpHigh, revision) => {
      if (revision < below) copy.#enter(fpLow, fpHigh, revision);
    });
    return copy;
  }

  #enter(fpLow: number, fpHigh: number, revision: number): void {
    if ((this.#size + 1) * 4 > this.#revisions.length * 3) this.#grow();
    this.#place(fpLow, fpHigh, revision);
    this.#size += 1;
  }

  #place(fpLow: number, fpHigh: number, revision: number): void {
    const mask = this.#revisions.length - 1;
    let slot = slotFor(fpLow, fpHigh, mask);
    while (this.#revisions[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.#low[slot] = fpLow;
    this.#high[slot] = fpHigh;
    this.#revisions[slot] = revision;
  }

  #grow(): void {
    const old = { low: this.#low, high: this.#high, revisions: this.#revisions };
    const capacity = old.revisions.length * 2;
    this.#low = new Uint32Array(capacity);
    this.#high = new Uint32Array(capacity);
    this.#revisions = new Int32Array(capacity).fill(EMPTY);
    for (let slot = 0; slot < old.revisions.length; slot += 1) {
      const revision = old.revisions[slot] as number;
      if (revision !== EMPTY) this.#place(old.low[slot] as number, old.high[slot] as number, revision);
    }
  }

  #forEach(visit: (fpLow: number, fpHigh: number, revision: number) => void): void {
    for (let slot = 0; slot < this.#revisions.length; slot += 1) {
      const revision = this.#revisions[slot] as number;
      if (revision !== EMPTY) visit(this.#low[slot] as number, this.#high[slot] as number, revision);
    }
  }
}

/** An empty table (`capacity` a power of two). */
export function createRevisionTable(
  capacity = 16,
  fingerprintOf: Fingerprinter = fingerprint,
): RevisionTable {
  return new FingerprintTable(capacity, fingerprintOf);
}
