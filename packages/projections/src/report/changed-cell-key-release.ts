import { perturbTables } from '../cellkey/apply-cell-key.js';
import type { CellKeyFunction } from '../cellkey/cell-key.js';
import type { PerturbationTable } from '../cellkey/perturbation-table.js';
import { publishedDigest } from '../releases/published-digest.js';
import type { ReportRelease } from '../releases/report-release.js';
import type { BaseCells } from './base-cells.js';
import { buildReportTables } from './build-tables.js';
import { bucketOf } from './period-buckets.js';
import type { ReportCube } from './statistics-report.js';

/**
 * The first earlier cell-key release whose figures, perturbed again from today's cube with the
 * same key and table, are not the figures it published: its counts have changed since (a
 * tally entered late, an amendment after sealing, a year published while it ran). A cell key
 * is taken over which base cells a figure sums, not over their counts, so a count that grew
 * keeps its deviation and a second report would publish the change exactly (a late contact's
 * category, by difference); with fresh noise instead it would be one more version to average.
 * So figures once published are final.
 */
export function changedCellKeyRelease(
  cube: ReportCube,
  earlier: readonly ReportRelease[],
  context: { readonly base: BaseCells; readonly cellKey: CellKeyFunction; readonly table: PerturbationTable },
): ReportRelease | undefined {
  return earlier.find((release) => {
    if (release.options.method !== 'cell-key') return false;
    const raw = buildReportTables(cube.sheets(), cube.catalogues(), release.options).interventions.flatMap(
      (entry) => entry.tables,
    );
    const again = perturbTables(raw, {
      table: context.table,
      cellKey: context.cellKey,
      content: (quantity) => (quantity.support === undefined ? [] : context.base.nonZero(quantity.support)),
      periodOf: (month) => bucketOf(month, release.options.granularity),
    });
    return publishedDigest(again.tables) !== release.digest;
  });
}
