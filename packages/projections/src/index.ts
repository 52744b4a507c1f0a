/**
 * Statistics for pinnstatistik: the cube, reports with disclosure control, a checkpointed
 * projection runner, replay with time travel, and the compliance audit.
 *
 * @packageDocumentation
 */
export { type AuditOptions, type AuditReport, auditLog } from './audit/compliance-audit.js';
export { FINDING_CODES, type Finding, type FindingCode, isFinding } from './audit/finding.js';
export { type CubeSheet, createStatisticsCube, type StatisticsCube } from './cube/statistics-cube.js';
export { type StatisticsProjectionOptions, statisticsProjection } from './cube/statistics-projection.js';
export {
  applyDisclosureControl,
  attackReport,
  checkRawTables,
  defaultDisclosureOptions,
  type InvalidDisclosureOptions,
  isSensitive,
  legend,
  primarySuppressions,
  publishTables,
  type RawTableProblem,
  type RecoveredQuantity,
  type ReportAttack,
  type ResolvedDisclosureOptions,
  resolveDisclosureOptions,
  type SuppressionPattern,
  secondarySuppressions,
  suppressedSymbol,
  suppressionPattern,
} from './disclosure/index.js';
export {
  type CsvOptions,
  csvColumns,
  type DocumentCell,
  type DocumentTable,
  escapeMarkdown,
  type GridPlace,
  type MarkdownOptions,
  type ReportDocument,
  type ReportDocumentOptions,
  reportDocument,
  tableGrid,
  toCsv,
  toJson,
  toMarkdown,
  totalKey,
  totalLabel,
} from './format/index.js';
export type { Projection } from './projection.js';
export { buildReportTables, type InterventionTables } from './report/build-tables.js';
export {
  bucketLabel,
  bucketOf,
  bucketsBetween,
  type Granularity,
  monthsBetween,
} from './report/period-buckets.js';
export type {
  Axis,
  DisclosureOptions,
  PublishedCell,
  PublishedTable,
  Quantity,
  RawTable,
  SuppressionReason,
} from './report/report-model.js';
export { type ReportOptions, type ReportOptionsInput, ReportOptionsSchema } from './report/report-options.js';
export {
  createStatisticsReport,
  type InvalidReportOptions,
  isInvalidReportOptions,
  type ReportIntervention,
  type StatisticsReport,
} from './report/statistics-report.js';
export { checkpointStream, createEventStoreCheckpointStore } from './runner/event-store-checkpoint-store.js';
export { createMemoryCheckpointStore } from './runner/memory-checkpoint-store.js';
export {
  createProjectionRunner,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
} from './runner/projection-runner.js';
export { type AsOf, type ReplayOptions, replay } from './runner/replay.js';
