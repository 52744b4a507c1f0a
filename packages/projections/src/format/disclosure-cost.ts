import type { PerturbationTable } from '../cellkey/perturbation-table.js';
import { tableEntries } from '../disclosure/table-lines.js';
import type { PublishedTable } from '../report/report-model.js';

/**
 * What disclosure control costs a table (or a whole report): how many of its figures — cells
 * and totals — are hidden or moved, and by how much on average. For suppression the numbers are
 * exact (a `..` is plain to see; what is published is exact). For the cell-key method they are
 * the expectation under the public perturbation table at the sizes shown: the realised
 * deviations are not published, since their sum would tell an intruder about the noise.
 */
export interface DisclosureCost {
  /** Figures in the table: cells, row totals, column totals and the grand total. */
  readonly figures: number;
  /** Figures shown as `..`. */
  readonly suppressed: number;
  /** suppressed / figures. */
  readonly suppressedShare: number;
  /** The share of figures that differ from the true count. */
  readonly perturbedShare: number;
  /** The mean absolute difference between a published figure and the true count. */
  readonly meanAbsoluteDeviation: number;
  /** `exact` (suppression), or `expected` under the perturbation table (cell-key method). */
  readonly basis: 'exact' | 'expected';
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The deviations of a published figure of some size, and their probabilities. */
type Distribution = ReadonlyMap<number, number>;

function rowDistribution(perturbation: PerturbationTable, size: number): Distribution {
  const rows = perturbation.rows;
  const row = rows[Math.min(Math.max(size, 0), rows.length - 1)];
  const distribution = new Map<number, number>();
  row?.deviations.forEach((deviation, index) => {
    distribution.set(deviation, row.probabilities[index] ?? 0);
  });
  return distribution;
}

/**
 * The deviation of a sum of independently perturbed figures (a figure over several periods or
 * units is its parts' figures added): the convolution of theirs, each at the size shown for it.
 */
function sumDistribution(perturbation: PerturbationTable, parts: readonly number[]): Distribution {
  let sum: Distribution = new Map([[0, 1]]);
  for (const part of parts) {
    const next = new Map<number, number>();
    for (const [deviation, probability] of rowDistribution(perturbation, part))
      for (const [total, weight] of sum)
        next.set(total + deviation, (next.get(total + deviation) ?? 0) + weight * probability);
    sum = next;
  }
  return sum;
}

/**
 * The cost over some tables: exact for suppression, expected under `perturbation` when given —
 * for a figure over several periods or units (`parts`: its parts' figures), that of the sum of their
 * deviations.
 */
export function disclosureCost(
  tables: readonly PublishedTable[],
  perturbation?: PerturbationTable,
  parts: ReadonlyMap<string, readonly number[]> = new Map(),
): DisclosureCost {
  let figures = 0;
  let suppressed = 0;
  let moved = 0;
  let deviation = 0;
  for (const table of tables) {
    for (const cell of tableEntries(table)) {
      figures += 1;
      if (cell.suppressed) {
        suppressed += 1;
        continue;
      }
      if (perturbation === undefined) continue;
      const sumOf = parts.get(cell.key);
      if (sumOf === undefined) {
        moved += 1 - perturbation.stayProbability(Math.max(cell.value, 0));
        deviation += perturbation.expectedAbsoluteDeviation(Math.max(cell.value, 0));
        continue;
      }
      const distribution = sumDistribution(perturbation, sumOf);
      moved += 1 - (distribution.get(0) ?? 0);
      for (const [total, probability] of distribution) deviation += Math.abs(total) * probability;
    }
  }
  const share = (part: number): number => (figures === 0 ? 0 : round(part / figures, 4));
  return {
    figures,
    suppressed,
    suppressedShare: share(suppressed),
    perturbedShare: share(moved),
    meanAbsoluteDeviation: figures === 0 ? 0 : round(deviation / figures, 3),
    basis: perturbation === undefined ? 'exact' : 'expected',
  };
}
