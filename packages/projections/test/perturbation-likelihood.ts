import type { PerturbationTable } from '../src/cellkey/perturbation-table.js';

/**
 * P(published | true count) from a public perturbation table: what an intruder who knows the
 * table (it is in the legend and the docs), not the statistics key, computes. Zeros stay zero.
 */
export function likelihoodOf(table: PerturbationTable): (published: number, count: number) => number {
  return (published, count) => {
    if (count === 0) return published === 0 ? 1 : 0;
    const row = table.rows[Math.min(count, table.rows.length - 1)];
    if (row === undefined) return 0;
    const index = row.deviations.indexOf(published - count);
    return index === -1 ? 0 : (row.probabilities[index] ?? 0);
  };
}
