import type { Language } from '@pinnstatistik/core';
import type { DocumentCell, DocumentTable } from '@pinnstatistik/projections';
import { groupedBarChartSvg } from './bar-chart-svg.js';
import type { htmlWords } from './html-words.js';

/**
 * How a table is charted: `single`, one bar per row (a table with one column, such as a count per
 * period); `grouped`, per row one bar per column, coloured by column; `totals`, one bar per row
 * showing its row total, when a bar per column would be too many to read.
 */
export type ChartLayout = 'single' | 'grouped' | 'totals';

/** The most columns charted as grouped bars (the palette's size); wider tables get their row totals. */
export const MAX_CHART_SERIES = 12;
/** The most bars in one grouped chart (e.g. 12 months × 8 columns); more get the row totals. */
export const MAX_CHART_BARS = 96;

/** The layout for a table of `rows` × `columns` cells. */
export function chartLayout(rows: number, columns: number): ChartLayout {
  if (columns <= 1) return 'single';
  if (columns > MAX_CHART_SERIES || rows * columns > MAX_CHART_BARS) return 'totals';
  return 'grouped';
}

const published = (cell: DocumentCell | undefined): number | undefined =>
  cell === undefined || cell.suppressed ? undefined : cell.value;

/**
 * A table's chart, saying what the table says: a period × value table (or a cross-tabulation) as
 * grouped bars with a colour key of its column labels, a single-column table as one bar per row,
 * a table with too many columns as its row totals (labelled so). Suppressed cells are outlines that
 * say nothing about their counts; only published counts are ever drawn or named. Rows of
 * incomplete periods (`incompleteRows`, by row key) are drawn lighter and marked `*`.
 */
export function tableChartSvg(
  table: DocumentTable,
  lang: Language,
  words: (typeof htmlWords)[Language],
  incompleteRows: ReadonlySet<string> = new Set(),
): string {
  const layout = chartLayout(table.rows.length, table.columns.length);
  const title = table.title[lang];
  const rows = table.rowHeader[lang];
  const incompleteGroups = table.rows.flatMap((row, r) => (incompleteRows.has(row.key) ? [r] : []));
  const common = {
    suppressedText: words.suppressed,
    suppressedKey: words.suppressedKey,
    layout,
    incompleteGroups,
    incompleteKey: words.incompleteKey,
  };
  return layout === 'grouped'
    ? groupedBarChartSvg(
        table.rows.map((row, r) => ({
          label: row.label[lang],
          values: table.columns.map((_, c) => published(table.cells[r]?.[c])),
        })),
        {
          ...common,
          title: words.chartGrouped(title, rows, table.columnHeader[lang]),
          series: table.columns.map((column) => column.label[lang]),
        },
      )
    : layout === 'single'
      ? groupedBarChartSvg(
          table.rows.map((row, r) => ({
            label: row.label[lang],
            values: [published(table.columns.length === 1 ? table.cells[r]?.[0] : table.rowTotals[r])],
          })),
          { ...common, title: words.chartSingle(title, rows), series: [''], key: false },
        )
      : groupedBarChartSvg(
          table.rows.map((row, r) => ({ label: row.label[lang], values: [published(table.rowTotals[r])] })),
          {
            ...common,
            title: words.chartTotals(title, rows),
            series: [words.total],
            keyLabels: [words.totalsKey(rows)],
            key: true,
          },
        );
}
