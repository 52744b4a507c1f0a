import type { BaseCell } from '../report/base-cells.js';
import type { PublishedCell, PublishedTable, Quantity, RawTable } from '../report/report-model.js';
import type { CellKeyFunction } from './cell-key.js';
import type { PerturbationTable } from './perturbation-table.js';

/** What the cell-key method needs: the table, the keyed hash, and each quantity's content. */
export interface CellKeyContext {
  readonly table: PerturbationTable;
  readonly cellKey: CellKeyFunction;
  /** The non-zero base cells a quantity sums. */
  readonly content: (quantity: Quantity) => readonly BaseCell[];
  /**
   * The report's period (bucket) of a month (`2025-03` → `2025-Q1` for a quarterly report). A
   * quantity over several periods is published as the sum of its periods' perturbed figures;
   * without it every quantity is perturbed as one (tables built by hand).
   */
  readonly periodOf?: (month: string) => string;
}

/** Tables under the cell-key method, and the perturbed parts of every figure over several periods. */
export interface PerturbedTables {
  readonly tables: PublishedTable[];
  /** A figure over several periods: its periods' published figures (non-zero ones), by its key. */
  readonly parts: ReadonlyMap<string, readonly number[]>;
}

/**
 * The content of a quantity without a support (a table built by hand): the quantity itself,
 * named by its key, when it is not zero.
 */
export function keyContent(quantity: Quantity): BaseCell[] {
  return quantity.value === 0
    ? []
    : [{ interventionId: '', unitId: '', month: '', measure: quantity.key, value: quantity.value }];
}

/** A content's base cells by the period each month falls in, in order of first appearance. */
function byPeriod(content: readonly BaseCell[], periodOf: (month: string) => string): BaseCell[][] {
  const groups = new Map<string, BaseCell[]>();
  for (const cell of content) {
    const period = periodOf(cell.month);
    const group = groups.get(period);
    if (group === undefined) groups.set(period, [cell]);
    else group.push(cell);
  }
  return [...groups.values()];
}

/**
 * The cell-key method over all tables of a report: every quantity of one period — cells and
 * totals alike, each perturbed as a cell of its own — is published as its count plus the
 * deviation the perturbation table gives for its count and its cell key. A quantity over several
 * periods (a category over the report's range, a cross-tabulation of a year by months) is the
 * sum of its periods' perturbed figures: were it perturbed as one, every range would be a new
 * population with noise of its own, and the ranges January–k and February–k (k = 2 … 12) would
 * give January eleven more independent noisy versions to average. So every figure any report
 * publishes is a sum of perturbed one-period figures, each with one content, one key and one
 * value everywhere. Nothing is suppressed; zeros stay zero. Margins over categories are not
 * forced to add up; margins over periods do.
 */
export function perturbTables(tables: readonly RawTable[], context: CellKeyContext): PerturbedTables {
  const published = new Map<string, number>();
  const parts = new Map<string, readonly number[]>();
  const perturbed = (content: readonly BaseCell[]): number => {
    let count = 0;
    for (const cell of content) count += cell.value;
    return count === 0 ? 0 : count + context.table.perturbation(count, context.cellKey(content));
  };
  const publish = (quantity: Quantity): PublishedCell => {
    let value = published.get(quantity.key);
    if (value === undefined) {
      const content = quantity.value === 0 ? [] : context.content(quantity);
      const periods = context.periodOf === undefined ? [content] : byPeriod(content, context.periodOf);
      if (periods.length > 1) {
        const shares = periods.map(perturbed);
        parts.set(quantity.key, shares);
        value = shares.reduce((sum, share) => sum + share, 0);
      } else
        value =
          content.length === 0
            ? 0
            : quantity.value + context.table.perturbation(quantity.value, context.cellKey(content));
      published.set(quantity.key, value);
    }
    return { key: quantity.key, suppressed: false, value };
  };
  return {
    tables: tables.map(({ cells, rowTotals, columnTotals, total, ...table }) => ({
      ...table,
      cells: cells.map((row) => row.map(publish)),
      rowTotals: rowTotals.map(publish),
      columnTotals: columnTotals.map(publish),
      total: publish(total),
    })),
    parts,
  };
}
