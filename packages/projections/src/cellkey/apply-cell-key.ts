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
   * quantity over several periods or several units is published as the sum of its parts'
   * perturbed figures (one part per period and unit); without it every quantity is perturbed as
   * one (tables built by hand).
   */
  readonly periodOf?: (month: string) => string;
}

/** Tables under the cell-key method, and the perturbed parts of every figure over several periods or units. */
export interface PerturbedTables {
  readonly tables: PublishedTable[];
  /** A figure over several periods or units: its parts' published figures (non-zero ones), by its key. */
  readonly parts: ReadonlyMap<string, readonly number[]>;
}

/**
 * The content of a quantity without a support (a table built by hand): the quantity itself,
 * named by its key, when it is not zero.
 */
export function keyContent(quantity: Quantity): BaseCell[] {
  return quantity.value === 0
    ? []
    : [
        {
          interventionId: '',
          unitId: '',
          month: '',
          measure: quantity.key,
          population: quantity.key,
          value: quantity.value,
        },
      ];
}

/** A content's base cells by period and unit, in order of first appearance. */
function byPart(content: readonly BaseCell[], periodOf: (month: string) => string): BaseCell[][] {
  const groups = new Map<string, BaseCell[]>();
  for (const cell of content) {
    const part = `${periodOf(cell.month)}\u0000${cell.unitId}`;
    const group = groups.get(part);
    if (group === undefined) groups.set(part, [cell]);
    else group.push(cell);
  }
  return [...groups.values()];
}

/**
 * The cell-key method over all tables of a report: every quantity of one period and one unit —
 * cells and totals alike, each perturbed as a cell of its own — is published as its count plus
 * the deviation the perturbation table gives for its count and its cell key. A quantity over
 * several periods (a category over the report's range, a cross-tabulation of a year by months)
 * or several units is the sum of its parts' perturbed figures: were it perturbed as one, every
 * range and every selection of units would be a new population with noise of its own — the
 * ranges January–k and February–k (k = 2 … 12) would give January eleven more independent
 * noisy versions to average, and the selections {1, 2}, {1, 3}, {1, 2, 3} would give unit 1
 * three more by difference. So every figure any report publishes is a sum of perturbed
 * one-period, one-unit figures, each with one content, one key and one value everywhere.
 * Nothing is suppressed; zeros stay zero. Margins over categories are not forced to add up;
 * margins over periods and units do.
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
      const split = context.periodOf === undefined ? [content] : byPart(content, context.periodOf);
      if (split.length > 1) {
        const shares = split.map(perturbed);
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
