import type { Language } from '@pinnstatistik/core';
import { stringify } from 'csv-stringify/sync';
import { suppressedSymbol } from '../disclosure/legend.js';
import type { ReportDocument } from './report-document.js';
import { tableGrid } from './table-grid.js';

/** The CSV columns, in order, with their headers in Swedish and English. */
export const csvColumns = [
  { key: 'tableId', sv: 'tabell_id', en: 'table_id' },
  { key: 'interventionId', sv: 'insats_id', en: 'intervention_id' },
  { key: 'table', sv: 'tabell', en: 'table' },
  { key: 'rowDimension', sv: 'raddimension', en: 'row_dimension' },
  { key: 'rowKey', sv: 'rad_nyckel', en: 'row_key' },
  { key: 'row', sv: 'rad', en: 'row' },
  { key: 'columnDimension', sv: 'kolumndimension', en: 'column_dimension' },
  { key: 'columnKey', sv: 'kolumn_nyckel', en: 'column_key' },
  { key: 'column', sv: 'kolumn', en: 'column' },
  { key: 'quantityKey', sv: 'storhet_nyckel', en: 'quantity_key' },
  { key: 'value', sv: 'värde', en: 'value' },
  { key: 'flag', sv: 'flagga', en: 'flag' },
] as const;

/** How to write the CSV. */
export interface CsvOptions {
  /** Language of the headers and labels. */
  readonly lang: Language;
  /** Start with a UTF-8 byte-order mark (helps spreadsheet programs; not part of RFC 4180). Off by default. */
  readonly bom?: boolean;
}

/**
 * The report as CSV (RFC 4180: comma-separated, CRLF line breaks, fields quoted when they hold
 * a comma, quote or line break), in long ("tidy") form: a header line, then one line per
 * published place — every cell, row total, column total and grand total of every table, in
 * table order, row by row with the totals row last. Keys are language-independent (a total's
 * row or column key is `_T`); labels and headers follow `lang`. A suppressed quantity has an
 * empty `value` and `..` as its `flag`; a published one an empty flag.
 */
export function toCsv(document: ReportDocument, options: CsvOptions): string {
  const { lang } = options;
  const records = document.tables.flatMap((table) =>
    tableGrid(table)
      .flat()
      .map(({ row, column, cell }) => ({
        tableId: table.id,
        interventionId: table.interventionId,
        table: table.title[lang],
        rowDimension: table.rowHeader[lang],
        rowKey: row.key,
        row: row.label[lang],
        columnDimension: table.columnHeader[lang],
        columnKey: column.key,
        column: column.label[lang],
        quantityKey: cell.key,
        value: cell.suppressed ? '' : String(cell.value),
        flag: cell.suppressed ? suppressedSymbol : '',
      })),
  );
  return stringify(records, {
    header: true,
    columns: csvColumns.map((column) => ({ key: column.key, header: column[lang] })),
    record_delimiter: 'windows',
    bom: options.bom === true,
  });
}
