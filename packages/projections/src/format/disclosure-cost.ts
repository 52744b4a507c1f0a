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

/** The cost over some tables: exact for suppression, expected under `perturbation` when given. */
export function disclosureCost(
  tables: readonly PublishedTable[],
  perturbation?: PerturbationTable,
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
      moved += 1 - perturbation.stayProbability(Math.max(cell.value, 0));
      deviation += perturbation.expectedAbsoluteDeviation(Math.max(cell.value, 0));
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
