import { describe, expect, it } from 'vitest';
import { comparePositions, formatPosition, parsePosition } from './positions.js';

describe('$all positions', () => {
  it('serialise both parts and parse back, beyond 2^53', () => {
    const position = { commit: 2n ** 60n + 7n, prepare: 2n ** 60n + 3n };
    const text = formatPosition(position);
    expect(text).toBe('C:1152921504606846983/P:1152921504606846979');
    expect(parsePosition(JSON.parse(JSON.stringify(text)))).toEqual(position);
  });

  it('order by commit, then prepare', () => {
    expect(comparePositions({ commit: 5n, prepare: 9n }, { commit: 6n, prepare: 1n })).toBeLessThan(0);
    expect(comparePositions({ commit: 6n, prepare: 2n }, { commit: 6n, prepare: 1n })).toBeGreaterThan(0);
    expect(comparePositions({ commit: 6n, prepare: 1n }, { commit: 6n, prepare: 1n })).toBe(0);
  });

  it('reject a position another store issued as a programmer error', () => {
    for (const foreign of ['12', 'C:1/P:', 'C:-1/P:2', ' C:1/P:1']) {
      expect(() => parsePosition(foreign)).toThrow(TypeError);
    }
  });
});
