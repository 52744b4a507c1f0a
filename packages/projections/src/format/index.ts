/** Output formats for published reports: the typed JSON document, CSV and Markdown. */

/** What disclosure control costs, in words. */
export { costText } from './cost-text.js';
/** The report as RFC 4180 CSV in long form, with Swedish or English headers. */
export { type CsvOptions, costRowKey, csvColumns, reportTableId, toCsv } from './csv.js';
/** What disclosure control costs a table or report. */
export { type DisclosureCost, disclosureCost } from './disclosure-cost.js';
/** How to read the figures, in plain words, before the first table. */
export { howToRead } from './how-to-read.js';
/** The report as GitHub-flavoured Markdown tables with totals and the legend. */
export {
  escapeMarkdown,
  type MarkdownOptions,
  type MarkdownTableOptions,
  markdownTable,
  toMarkdown,
} from './markdown.js';
/** The typed JSON model of a published report, and its JSON text. */
export {
  type DocumentCell,
  type DocumentTable,
  type ReportDocument,
  type ReportDocumentOptions,
  reportDocument,
  toJson,
} from './report-document.js';
/** The report's overview: every intervention by period, and the comparison with the period before. */
export {
  type Change,
  type ComparisonRow,
  changeBetween,
  interventionLabel,
  type OverviewIntervention,
  type OverviewRow,
  type OverviewSource,
  type ReportOverview,
  reportOverview,
} from './report-overview.js';
/** The key and label of totals rows and columns in flat outputs. */
export { type GridPlace, tableGrid, totalKey, totalLabel } from './table-grid.js';
