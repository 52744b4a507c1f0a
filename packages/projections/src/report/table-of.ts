import type { LocalizedText } from '@pinnstatistik/core';
import type { BaseCells } from './base-cells.js';
import type { Axis, Quantity, QuantitySupport, RawTable } from './report-model.js';

/** Where a table's quantities come from: one support each, and one key each. */
export interface TableSpec {
  readonly id: string;
  readonly title: LocalizedText;
  readonly rowHeader: LocalizedText;
  readonly columnHeader: LocalizedText;
  readonly rows: readonly Axis[];
  readonly columns: readonly Axis[];
  /** Supports (months and measure) of a cell, a row total, a column total and the grand total. */
  readonly supports: {
    cell(row: string, column: string): Support;
    row(row: string): Support;
    column(column: string): Support;
    total: Support;
  };
  /** Quantity keys of the same four. */
  readonly keys: {
    cell(row: string, column: string): string;
    row(row: string): string;
    column(column: string): string;
    total: string;
  };
}

/** A support without its intervention and units (the table adds them). */
export type Support = { readonly months: readonly string[]; readonly measure: string };

export interface TableContext {
  readonly interventionId: string;
  readonly units: readonly string[] | undefined;
  readonly base: BaseCells;
}

/** The cells' values come from their supports; totals are the cells' sums (so every table adds up). */
export function tableOf(context: TableContext, spec: TableSpec): RawTable {
  const support = (part: Support): QuantitySupport => ({
    interventionId: context.interventionId,
    months: part.months,
    ...(context.units === undefined ? {} : { units: context.units }),
    measure: part.measure,
  });
  const cells = spec.rows.map((row) =>
    spec.columns.map((column): Quantity => {
      const cellSupport = support(spec.supports.cell(row.key, column.key));
      return {
        key: spec.keys.cell(row.key, column.key),
        value: context.base.value(cellSupport),
        support: cellSupport,
      };
    }),
  );
  const rowTotals = spec.rows.map(
    (row, index): Quantity => ({
      key: spec.keys.row(row.key),
      value: (cells[index] ?? []).reduce((total, cell) => total + cell.value, 0),
      support: support(spec.supports.row(row.key)),
    }),
  );
  const columnTotals = spec.columns.map(
    (column, index): Quantity => ({
      key: spec.keys.column(column.key),
      value: cells.reduce((total, row) => total + (row[index]?.value ?? 0), 0),
      support: support(spec.supports.column(column.key)),
    }),
  );
  return {
    id: spec.id,
    interventionId: context.interventionId,
    title: spec.title,
    rowHeader: spec.rowHeader,
    columnHeader: spec.columnHeader,
    rows: spec.rows,
    columns: spec.columns,
    cells,
    rowTotals,
    columnTotals,
    total: {
      key: spec.keys.total,
      value: rowTotals.reduce((total, row) => total + row.value, 0),
      support: support(spec.supports.total),
    },
  };
}
