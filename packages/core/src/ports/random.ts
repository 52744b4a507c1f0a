import { randomBytes } from 'node:crypto';

/** Randomness, through a port, so decisions stay pure and tests can seed it. */
export interface Random {
  /** `length` uniformly random bytes. */
  bytes(length: number): Uint8Array;
}

/** Cryptographically secure randomness from the platform. */
export const secureRandom: Random = { bytes: (length) => new Uint8Array(randomBytes(length)) };

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
