import type { Language } from '@pinnstatistik/core';
import { stringify } from 'csv-stringify/sync';
import { suppressedSymbol } from '../disclosure/legend.js';
import type { DisclosureCost } from './disclosure-cost.js';
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

/** The key of the rows that give what disclosure control costs a table (and, with table id `_REPORT`, the report). */
export const costRowKey = '_COST';

/** The table id of the rows for the whole report. */
export const reportTableId = '_REPORT';

const costRow = { sv: 'Röjandekontrollens kostnad', en: 'Cost of disclosure control' };

function costColumns(cost: DisclosureCost) {
  const expected = cost.basis === 'expected';
  return [
    { key: 'figures', sv: 'Antal värden', en: 'Figures', value: cost.figures },
    {
      key: 'suppressed_share',
      sv: 'Andel undertryckta',
      en: 'Share suppressed',
      value: cost.suppressedShare,
    },
    {
      key: 'perturbed_share',
      sv: expected ? 'Andel som avviker (förväntad)' : 'Andel som avviker',
      en: expected ? 'Share differing (expected)' : 'Share differing',
      value: cost.perturbedShare,
    },
    {
      key: 'mean_absolute_deviation',
      sv: expected ? 'Medelavvikelse (förväntad)' : 'Medelavvikelse',
      en: expected ? 'Mean absolute deviation (expected)' : 'Mean absolute deviation',
      value: cost.meanAbsoluteDeviation,
    },
  ];
}

/**
 * The report as CSV (RFC 4180: comma-separated, CRLF line breaks, fields quoted when they hold
 * a comma, quote or line break), in long ("tidy") form: a header line, then one line per
 * published place — every cell, row total, column total and grand total of every table, in
 * table order, row by row with the totals row last. Keys are language-independent (a total's
 * row or column key is `_T`); labels and headers follow `lang`. A suppressed quantity has an
 * empty `value` and `..` as its `flag`; a published one an empty flag. After each table's lines
 * come four lines with the row key `_COST` giving what disclosure control costs it (figures,
 * share suppressed, share differing, mean absolute deviation; "expected" in the label for the
 * cell-key method), and at the end the same four for the whole report (table id `_REPORT`).
 */
export function toCsv(document: ReportDocument, options: CsvOptions): string {
  const { lang } = options;
  const cost = (tableId: string, interventionId: string, title: string, value: DisclosureCost) =>
    costColumns(value).map((column) => ({
      tableId,
      interventionId,
      table: title,
      rowDimension: '',
      rowKey: costRowKey,
      row: costRow[lang],
      columnDimension: '',
      columnKey: column.key,
      column: column[lang],
      quantityKey: '',
      value: String(column.value),
      flag: '',
    }));
  const records = document.tables.flatMap((table) => [
    ...tableGrid(table)
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
    ...cost(table.id, table.interventionId, table.title[lang], table.cost),
  ]);
  records.push(...cost(reportTableId, '', document.title?.[lang] ?? '', document.cost));
  return stringify(records, {
    header: true,
    columns: csvColumns.map((column) => ({ key: column.key, header: column[lang] })),
    record_delimiter: 'windows',
    bom: options.bom === true,
  });
}
