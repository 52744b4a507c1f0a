/**
 * `pinnstatistik`, the command line for auditors and operators: export, import and verify the
 * log, reports with disclosure control (CSV, JSON, Markdown, self-contained HTML), sealing and
 * series expiry, the catalogue. The bin is `pinnstatistik`; this entry exposes its parts.
 *
 * @packageDocumentation
 */

/** Exit codes, the CLI's error type and its structural guard. */
export { CliError, EXIT_CODES, isCliError } from './cli/cli-error.js';
/** Where the CLI writes. */
export type { CliIo } from './cli/cli-io.js';
/** Runs the CLI on arguments and returns its exit code. */
export { runCli } from './cli/run-cli.js';
/** The JSON Lines export format: header and records. */
export {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type ExportRecord,
} from './jsonl/export-format.js';
/** A file that is not a readable export, with its line. */
export { ExportFormatError, isExportFormatError } from './jsonl/export-format-error.js';
/** A read-only `EventStore` over an export file. */
export { createJsonLinesEventStore, type JsonLinesEventStore } from './jsonl/json-lines-event-store.js';
/** Checks every hash chain in an export. */
export { type ExportChainCheck, verifyExportChains } from './jsonl/verify-export-chains.js';
/** Writes a store's whole log as a JSON Lines export. */
export { type ExportSummary, type WriteExportOptions, writeExport } from './jsonl/write-export.js';
/** Inline SVG bar charts: one bar per label, or grouped bars coloured by series with a key. */
export {
  type Bar,
  type BarChartOptions,
  type BarGroup,
  barChartSvg,
  chartPalette,
  type GroupedBarChartOptions,
  groupedBarChartSvg,
  SUPPRESSED_BAR_HEIGHT,
} from './report/bar-chart-svg.js';
/** A report as one self-contained HTML page. */
export { type HtmlReportContext, renderHtmlReport } from './report/render-html-report.js';
/** How a report table is charted (one bar per row, grouped bars, or row totals). */
export { type ChartLayout, chartLayout, MAX_CHART_BARS, MAX_CHART_SERIES } from './report/table-chart.js';
/** Opens a log from a command-line argument (export file, esdb://, kurrentdb://, postgres://, memory). */
export { type OpenedSource, type OpenSourceOptions, openSource } from './sources/open-source.js';
/** What a source argument names. */
export { type SourceKind, sourceKindOf } from './sources/source-kind.js';
