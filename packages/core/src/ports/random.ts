import { randomBytes } from 'node:crypto';

/** Randomness, through a port, so decisions stay pure and tests can seed it. */
export interface Random {
  /** `length` uniformly random bytes. */
  bytes(length: number): Uint8Array;
}

const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let offset = 0;

/**
 * Cryptographically secure randomness from the platform, drawn from a pooled buffer: one
 * `randomBytes` call per small request costs more than the work the bytes are for.
 */
export const secureRandom: Random = {
  bytes(length) {
    if (length > POOL_BYTES) return new Uint8Array(randomBytes(length));
    if (offset + length > POOL_BYTES) {
      pool = randomBytes(POOL_BYTES);
      offset = 0;
    }
    const bytes = new Uint8Array(pool.subarray(offset, offset + length));
    // Used bytes are zeroed so no copy of them stays behind in the pool.
    pool.fill(0, offset, offset + length);
    offset += length;
    return bytes;
  },
};

/** Deterministic randomness (mulberry32) for tests, seeded workloads and demos — never for keys or tokens. */
export function seededRandom(seed: number): Random & { next(): number } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    bytes: (length) => Uint8Array.from({ length }, () => Math.floor(next() * 256)),
  };
}
