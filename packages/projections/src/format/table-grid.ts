import type { LocalizedText } from '@pinnstatistik/core';
import type { Axis } from '../report/report-model.js';
import type { DocumentCell, DocumentTable } from './report-document.js';

/** The key of the totals row and column in flat outputs (SDMX's code for "total"). */
export const totalKey = '_T';

/** The label of the totals row and column. */
export const totalLabel: LocalizedText = { sv: 'Totalt', en: 'Total' };

const totalAxis: Axis = { key: totalKey, label: totalLabel };

/** One place of a table laid out with its margins. */
export interface GridPlace {
  readonly row: Axis;
  readonly column: Axis;
  readonly cell: DocumentCell;
}

/**
 * A table as a grid with its margins: each row's cells then its row total, and last the row
 * of column totals ending with the grand total. The margins' row or column is {@link totalKey}.
 */
export function tableGrid(table: DocumentTable): (readonly GridPlace[])[] {
  const rows = table.rows.map((row, r) => [
    ...table.columns.flatMap((column, c) => {
      const cell = table.cells[r]?.[c];
      return cell === undefined ? [] : [{ row, column, cell }];
    }),
    ...(table.rowTotals[r] === undefined ? [] : [{ row, column: totalAxis, cell: table.rowTotals[r] }]),
  ]);
  const totals = [
    ...table.columns.flatMap((column, c) => {
      const cell = table.columnTotals[c];
      return cell === undefined ? [] : [{ row: totalAxis, column, cell }];
    }),
    { row: totalAxis, column: totalAxis, cell: table.total },
  ];
  return [...rows, totals];
}
