import type { RawTable } from '../report/report-model.js';
import { createSuppressionSearch } from './suppression-search.js';

/**
 * Secondary suppression: the quantities that must be hidden as well so that none of the
 * `primary` ones can be computed from what is published.
 *
 * 1. *Lines*: every additivity equation (row, column, totals line — in any table, with shared
 *    keys counted once) holding exactly one suppressed quantity gets a second one, repeated to
 *    a fixpoint. The complement is the published quantity that is a cell rather than a total
 *    (totals are shared between tables and cascade), opens the fewest untouched lines (so
 *    suppressions close into rectangles), is non-zero, and is smallest — then first in order.
 * 2. *Verification*: the exact linear attack runs on the pattern; for every quantity it still
 *    pins down, a complement is suppressed in one of its lines (or, when those are all hidden,
 *    the nearest line that still publishes something), and both steps repeat until the attack
 *    recovers nothing. The pattern only grows, so this terminates; it is safe by construction
 *    because it stops only when the attack — the same one `attackReport` runs — finds nothing.
 */
export function secondarySuppressions(
  tables: readonly RawTable[],
  primary: ReadonlySet<string>,
): Set<string> {
  const search = createSuppressionSearch(tables, primary);
  search.closeLinearly();
  return new Set(search.secondary);
}
