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

/**
 * The cell-key method over all tables of a report: every quantity — cells and totals alike,
 * each perturbed as a cell of its own — is published as its count plus the deviation the
 * perturbation table gives for its count and its cell key. Nothing is suppressed; zeros stay
 * zero; a quantity that appears in several tables (or reports) has one content, one key and so
 * one published value everywhere. Margins are not forced to add up.
 */
export function perturbTables(tables: readonly RawTable[], context: CellKeyContext): PublishedTable[] {
  const published = new Map<string, number>();
  const publish = (quantity: Quantity): PublishedCell => {
    let value = published.get(quantity.key);
    if (value === undefined) {
      const content = context.content(quantity);
      value =
        content.length === 0 || quantity.value === 0
          ? 0
          : quantity.value + context.table.perturbation(quantity.value, context.cellKey(content));
      published.set(quantity.key, value);
    }
    return { key: quantity.key, suppressed: false, value };
  };
  return tables.map(({ cells, rowTotals, columnTotals, total, ...table }) => ({
    ...table,
    cells: cells.map((row) => row.map(publish)),
    rowTotals: rowTotals.map(publish),
    columnTotals: columnTotals.map(publish),
    total: publish(total),
  }));
}
