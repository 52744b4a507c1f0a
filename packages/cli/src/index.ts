/**
 * `pinnstatistik`, the command line for auditors and operators: export, import and verify the
 * log, reports with disclosure control (CSV, JSON, Markdown, self-contained HTML), sealing and
 * series expiry, the catalogue. The bin is `pinnstatistik`; this entry exposes its parts.
 *
 * @packageDocumentation
 * @module @pinnstatistik/cli
 */

/** Exit codes, the CLI's error type and its structural guard. */
export { CliError, EXIT_CODES, isCliError } from './cli/cli-error.js';
/** Where the CLI writes. */
export type { CliIo } from './cli/cli-io.js';
/** Runs the CLI on arguments and returns its exit code. */
export { runCli } from './cli/run-cli.js';
/** An event's size as stores count it against their append limit. */
export { appendSize } from './jsonl/append-size.js';
/** The JSON Lines export format: header and records. */
export {
  DEFAULT_MAX_LINE_BYTES,
  EXPORT_FORMAT,
  EXPORT_TRAILER_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type ExportRecord,
  type ExportTrailer,
  isExportedStream,
} from './jsonl/export-format.js';
/** A file that is not a readable export, with its line. */
export { ExportFormatError, isExportFormatError } from './jsonl/export-format-error.js';
/** Loads an export into a store: verified first, then written in atomic batches, resumable. */
export { type ImportOptions, type ImportSummary, importExport } from './jsonl/import-export.js';
/** A read-only `EventStore` over an export file. */
export { createJsonLinesEventStore, type JsonLinesEventStore } from './jsonl/json-lines-event-store.js';
/** Streams an export's lines within a maximum length, and reads its trailer from the end. */
export {
  type ExportItem,
  type ReadExportOptions,
  readExport,
  readExportTrailer,
} from './jsonl/read-export.js';
/** Splits bytes into lines of bounded length. */
export { LineTooLong, type NumberedLine, readLines } from './jsonl/read-lines.js';
/** Checks an export's integrity: chains, Merkle trees against checkpoints, its trailer. */
export { type ExportLogCheck, type ExportLogOptions, verifyExportLog } from './jsonl/verify-export-log.js';
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
/** Which months of a report are sealed, open, unreadable or not ended (incomplete periods are marked). */
export type { MonthState, MonthStates } from './report/period-status.js';
/** A report as one self-contained HTML page. */
export { type HtmlReportContext, renderHtmlReport } from './report/render-html-report.js';
/** The same report as Markdown. */
export { type MarkdownReportContext, renderMarkdownReport } from './report/render-markdown-report.js';
/** How a report table is charted (one bar per row, grouped bars, or row totals). */
export { type ChartLayout, chartLayout, MAX_CHART_BARS, MAX_CHART_SERIES } from './report/table-chart.js';
/** Opens a log from a command-line argument (export file, esdb://, kurrentdb://, postgres://, memory). */
export { type OpenedSource, type OpenSourceOptions, openSource } from './sources/open-source.js';
/** What a source argument names. */
export { type SourceKind, sourceKindOf } from './sources/source-kind.js';
/** Findings about the log's integrity or the export file. */
export {
  describeIntegrityFinding,
  type ExportFinding,
  type IntegrityFinding,
  integrityClause,
  type LogRuleFinding,
} from './verify/integrity-finding.js';
/** What an auditor holds the log to: trust files and pinned keys. */
export { loadTrust, readTrustFile, TRUST_FORMAT, type Trust, trustFileText } from './verify/trust.js';
