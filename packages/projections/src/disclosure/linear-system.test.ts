import { describe, expect, it } from 'vitest';
import { type LinearEquation, solveLinearSystem } from './linear-system.js';
import { type Rational, rational, rationalFromNumber, rationalToString } from './rational.js';

const equation = (coefficients: Record<string, number>, constant: Rational | number): LinearEquation => ({
  coefficients: new Map(Object.entries(coefficients).map(([key, value]) => [key, BigInt(value)])),
  constant: typeof constant === 'number' ? rational(BigInt(constant)) : constant,
});
const solved = (equations: LinearEquation[]): Record<string, string> =>
  Object.fromEntries(
    [...solveLinearSystem(equations).determined].map(([key, value]) => [key, rationalToString(value)]),
  );

describe('solveLinearSystem', () => {
  it('pins down an unknown alone in an equation', () => {
    expect(solved([equation({ x: 1 }, 7)])).toEqual({ x: '7' });
  });

  it('leaves two unknowns that only appear as a sum undetermined', () => {
    const result = solveLinearSystem([equation({ x: 1, y: 1 }, 7)]);
    expect(result.determined.size).toBe(0);
    expect(result.rank).toBe(1);
  });

  it('combines equations: x + y = 7 and x − y = 1 give x = 4, y = 3', () => {
    expect(solved([equation({ x: 1, y: 1 }, 7), equation({ x: 1, y: -1 }, 1)])).toEqual({ x: '4', y: '3' });
  });

  it('finds an unknown determined while others stay free (x + y = 5, y + z = 4, x + y + z = 6 ⇒ z = 1, x = 2)', () => {
    expect(
      solved([equation({ x: 1, y: 1 }, 5), equation({ y: 1, z: 1 }, 4), equation({ x: 1, y: 1, z: 1 }, 6)]),
    ).toEqual({ x: '2', y: '3', z: '1' });
    expect(solved([equation({ x: 1, y: 1 }, 5), equation({ x: 1, y: 1, z: 1 }, 6)])).toEqual({ z: '1' });
  });

  it('is exact with fractions and large numbers (no floating point)', () => {
    expect(solved([equation({ x: 2 }, 7)])).toEqual({ x: '7/2' });
    expect(solved([equation({ x: 3, y: 1 }, rationalFromNumber(0.5)), equation({ y: 1 }, 0)])).toEqual({
      x: '1/6',
      y: '0',
    });
    const big = rational(2n ** 80n + 1n);
    expect(solved([equation({ x: 1, y: 1 }, big), equation({ y: 1 }, 1)])).toEqual({
      x: `${2n ** 80n}`,
      y: '1',
    });
  });

  it('reports contradicting equations as data', () => {
    const result = solveLinearSystem([equation({ x: 1 }, 1), equation({ x: 1 }, 2)]);
    expect(result.consistent).toBe(false);
    expect(solveLinearSystem([equation({ x: 1 }, 1), equation({ x: 2 }, 2)]).consistent).toBe(true);
  });

  it('ignores cancelling terms and empty equations', () => {
    const result = solveLinearSystem([equation({ x: 0 }, 0), equation({}, 0), equation({ x: 1, y: 0 }, 3)]);
    expect(result.consistent).toBe(true);
    expect(Object.fromEntries([...result.determined].map(([k, v]) => [k, rationalToString(v)]))).toEqual({
      x: '3',
    });
  });
});

describe('rational', () => {
  it('keeps lowest terms and a positive denominator', () => {
    expect(rational(6n, -4n)).toEqual({ numerator: -3n, denominator: 2n });
    expect(rationalToString(rationalFromNumber(-2.25))).toBe('-9/4');
    expect(() => rationalFromNumber(Number.NaN)).toThrow(RangeError);
  });
});
