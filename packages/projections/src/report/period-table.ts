import type { LocalizedText } from '@pinnstatistik/core';
import type { Axis, RawTable } from './report-model.js';
import { type TableContext, tableOf } from './table-of.js';

const PERIOD_HEADER: LocalizedText = { sv: 'Period', en: 'Period' };

/** Periods as rows, one column per category: the shape of every table but the cross-tabulations. */
/** A period table: its id, title, columns and how its quantities are measured and keyed. */
export interface PeriodTableSpec {
  readonly id: string;
  readonly title: LocalizedText;
  readonly columnHeader: LocalizedText;
  readonly rows: readonly Axis[];
  readonly columns: readonly Axis[];
  /** The measure of a column, and of the row totals. */
  readonly measure: (column: string) => string;
  readonly totalMeasure: string;
  readonly prefix: string;
  /** How a column appears in its quantities' keys (default: its key). */
  readonly keyPart?: (column: string) => string;
  /** One-column count tables: the cell is the row total (one key). */
  readonly count?: boolean;
}

export function periodTable(
  context: TableContext,
  buckets: ReadonlyMap<string, readonly string[]>,
  allMonths: readonly string[],
  spec: PeriodTableSpec,
): RawTable {
  const months = (bucket: string): readonly string[] => buckets.get(bucket) ?? [];
  const { prefix } = spec;
  const part = spec.keyPart ?? ((column: string) => column);
  return tableOf(context, {
    id: spec.id,
    title: spec.title,
    rowHeader: PERIOD_HEADER,
    columnHeader: spec.columnHeader,
    rows: spec.rows,
    columns: spec.columns,
    supports: {
      cell: (bucket, column) => ({ months: months(bucket), measure: spec.measure(column) }),
      row: (bucket) => ({ months: months(bucket), measure: spec.totalMeasure }),
      column: (column) => ({ months: allMonths, measure: spec.measure(column) }),
      total: { months: allMonths, measure: spec.totalMeasure },
    },
    keys:
      spec.count === true
        ? {
            cell: (bucket) => `${prefix}|${bucket}`,
            row: (bucket) => `${prefix}|${bucket}`,
            column: () => `${prefix}|*`,
            total: `${prefix}|*`,
          }
        : {
            cell: (bucket, column) => `${prefix}|${bucket}|${part(column)}`,
            row: (bucket) => `${prefix}|${bucket}`,
            column: (column) => `${prefix}|*|${part(column)}`,
            total: `${prefix}|*`,
          },
  });
}
