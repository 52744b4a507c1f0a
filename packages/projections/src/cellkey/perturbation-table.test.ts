import { describe, expect, it } from 'vitest';
import { cellKeys, statisticsKeyCheck } from './cell-key.js';
import { perturbationTable } from './perturbation-table.js';

const defaults = { maxDeviation: 3, variance: 1, smallestPublished: 1 };

describe('the perturbation table (ptable’s construction)', () => {
  it.each([
    defaults,
    { maxDeviation: 2, variance: 1, smallestPublished: 1 },
    { maxDeviation: 5, variance: 3, smallestPublished: 3 },
    { maxDeviation: 4, variance: 2, smallestPublished: 3 },
  ])(
    '%j: rows sum to 1, are unbiased, stay within D, never publish a blocked value, and zero stays zero',
    (parameters) => {
      const table = perturbationTable(parameters);
      const { maxDeviation: d, variance, smallestPublished } = parameters;
      expect(table.rows[0]).toMatchObject({ deviations: [0], probabilities: [1] });
      expect(table.rows).toHaveLength(smallestPublished === 1 ? d + 1 : d + smallestPublished + 1);
      for (const row of table.rows) {
        const sum = row.probabilities.reduce((a, b) => a + b, 0);
        expect(sum).toBeCloseTo(1, 12);
        expect(row.thresholds.at(-1)).toBe(100_000_000);
        const mean = row.deviations.reduce((a, v, i) => a + v * (row.probabilities[i] ?? 0), 0);
        expect(Math.abs(mean)).toBeLessThan(1e-6);
        const blocked = row.original >= 1 && row.original < smallestPublished;
        const spread = row.deviations.reduce((a, v, i) => a + v * v * (row.probabilities[i] ?? 0), 0);
        if (!blocked) expect(spread).toBeLessThanOrEqual(variance + 1e-6);
        for (const v of row.deviations) {
          expect(Math.abs(v)).toBeLessThanOrEqual(d);
          const published = row.original + v;
          expect(published >= smallestPublished || published === 0).toBe(true);
        }
      }
      for (const key of [0, 0.3, 0.999999]) expect(table.perturbation(0, key)).toBe(0);
    },
  );

  it('is reproducible: the default table’s rows, to four decimals, as documented', () => {
    const rows = perturbationTable(defaults).rows.map((row) =>
      row.probabilities.map((p) => Number(p.toFixed(4))),
    );
    expect(rows).toEqual([
      [1],
      [0.3699, 0.3699, 0.1711, 0.0687, 0.0205],
      [0.0603, 0.2472, 0.3915, 0.2393, 0.0565, 0.0051],
      [0.0045, 0.0543, 0.242, 0.3982, 0.242, 0.0543, 0.0045],
    ]);
    expect(perturbationTable(defaults).rows).toEqual(perturbationTable(defaults).rows);
  });

  it('tells the intruder which true counts could give a published figure: one range, within D', () => {
    const table = perturbationTable(defaults);
    expect(table.possibleOriginals(0)).toEqual({ lower: 0, upper: 3 });
    expect(table.possibleOriginals(1)).toEqual({ lower: 1, upper: 4 });
    expect(table.possibleOriginals(10)).toEqual({ lower: 7, upper: 13 });
    const blocked = perturbationTable({ maxDeviation: 5, variance: 3, smallestPublished: 3 });
    expect(blocked.possibleOriginals(3)).toEqual({ lower: 1, upper: 8 });
  });

  it('refuses parameters it cannot build a table from', () => {
    expect(() => perturbationTable({ ...defaults, variance: 9 })).toThrow(RangeError);
    expect(() => perturbationTable({ ...defaults, smallestPublished: 5 })).toThrow(RangeError);
  });
});

describe('cell keys', () => {
  const cell = (month: string, value = 1) => ({
    interventionId: 'iv',
    unitId: 'u',
    month,
    measure: 'contacts',
    population: 'contacts',
    value,
  });
  it('depend on the content’s base cells (not their order or counts) and on the statistics key', () => {
    const keys = cellKeys(new Uint8Array(32).fill(1));
    const key = keys([cell('2025-01'), cell('2025-02')]);
    expect(key).toBeGreaterThanOrEqual(0);
    expect(key).toBeLessThan(1);
    expect(keys([cell('2025-02', 7), cell('2025-01', 3)])).toBe(key);
    expect(keys([cell('2025-01')])).not.toBe(key);
    expect(cellKeys(new Uint8Array(32).fill(2))([cell('2025-01'), cell('2025-02')])).not.toBe(key);
    expect(statisticsKeyCheck(new Uint8Array(32).fill(1))).not.toBe(
      statisticsKeyCheck(new Uint8Array(32).fill(2)),
    );
  });
});
