/**
 * Statistics for pinnstatistik: the cube, reports with disclosure control, a checkpointed
 * projection runner, replay with time travel, and the compliance audit.
 *
 * @packageDocumentation
 * @module @pinnstatistik/projections
 */

export { type AuditOptions, type AuditReport, auditLog } from './audit/compliance-audit.js';
export { FINDING_CODES, type Finding, type FindingCode, isFinding } from './audit/finding.js';
export {
  type CellKeyContext,
  keyContent,
  type PerturbedTables,
  perturbTables,
} from './cellkey/apply-cell-key.js';
export { type CellKeyFunction, cellKeys, STATISTICS_KEY_ID, statisticsKeyCheck } from './cellkey/cell-key.js';
export { maximumEntropy } from './cellkey/maximum-entropy.js';
export {
  type PerturbationParameters,
  type PerturbationRow,
  type PerturbationTable,
  perturbationParameterProblem,
  perturbationTable,
} from './cellkey/perturbation-table.js';
export { type CubeSheet, createStatisticsCube, type StatisticsCube } from './cube/statistics-cube.js';
export { type StatisticsProjectionOptions, statisticsProjection } from './cube/statistics-projection.js';
export {
  STATISTICS_FOLD_REVISION,
  statisticsProjectionVersion,
} from './cube/statistics-projection-version.js';
export {
  applyDisclosureControl,
  attackReport,
  type CellKeyLegendFacts,
  cellKeyLegend,
  checkRawTables,
  defaultDisclosureOptions,
  type InvalidDisclosureOptions,
  isSensitive,
  type JointProtection,
  type JointProtectionContext,
  legend,
  primarySuppressions,
  protectionLevel,
  protectJointly,
  publishTables,
  type RawTableProblem,
  type RecoveredQuantity,
  type ReportAttack,
  type ResolvedDisclosureOptions,
  releaseKnowledge,
  resolveDisclosureOptions,
  type SuppressedRelease,
  type SuppressionPattern,
  secondarySuppressions,
  supportId,
  suppressedSymbol,
  suppressionPattern,
} from './disclosure/index.js';
export {
  type Change,
  type ComparisonRow,
  type CsvOptions,
  changeBetween,
  costRowKey,
  costText,
  csvColumns,
  type DisclosureCost,
  type DocumentCell,
  type DocumentTable,
  disclosureCost,
  escapeMarkdown,
  type GridPlace,
  howToRead,
  interventionLabel,
  type MarkdownOptions,
  type MarkdownTableOptions,
  markdownTable,
  type OverviewIntervention,
  type OverviewRow,
  type OverviewSource,
  type ReportDocument,
  type ReportDocumentOptions,
  type ReportOverview,
  reportDocument,
  reportOverview,
  reportTableId,
  tableGrid,
  toCsv,
  toJson,
  toMarkdown,
  totalKey,
  totalLabel,
} from './format/index.js';
export { attackPublications, type Publication, publicationOf } from './intruder/attack-publications.js';
export { attackReleases, type Truth } from './intruder/integer-intruder.js';
export type {
  IntruderFinding,
  IntruderKnowledge,
  IntruderReport,
  IntruderTarget,
  Observation,
  ProtectionLevel,
} from './intruder/intruder-knowledge.js';
export { type MeasureRelation, measureRelations } from './intruder/measure-relations.js';
export { policyRelations } from './intruder/policy-relations.js';
export type { Projection } from './projection.js';
export {
  type PublishContext,
  type PublishedReport,
  publishStatisticsReport,
} from './releases/publish-report.js';
export { publishedDigest } from './releases/published-digest.js';
export {
  eventStoreReleaseLog,
  type MissingRelease,
  type RecordedReleases,
  type ReleaseLog,
  type ReleaseNotRecorded,
  readOnlyReleaseLog,
} from './releases/release-log.js';
export { releaseOrigin } from './releases/release-origin.js';
export {
  type OriginNotRegistered,
  RELEASE_ORIGINS_ID,
  registerReleaseOrigin,
} from './releases/release-origins.js';
export { RELEASE_PROOF_KEY_ID } from './releases/release-proof.js';
export {
  RELEASES_STREAM,
  REPORT_PUBLISHED,
  type ReportRelease,
  ReportReleaseSchema,
  releasesOverlap,
} from './releases/report-release.js';
export { type BaseCell, type BaseCells, createBaseCells } from './report/base-cells.js';
export { buildReportTables } from './report/build-tables.js';
export { type CoverageOptions, comparisonBucket, coveredFrom } from './report/covered-range.js';
export { type Headline, headlineOf } from './report/headline.js';
export type { InterventionTables } from './report/intervention-tables.js';
export { measures, measureValue } from './report/measures.js';
export {
  bucketLabel,
  bucketOf,
  bucketsBetween,
  type Granularity,
  monthsBetween,
  monthsOfBucket,
  previousBucket,
} from './report/period-buckets.js';
export type {
  Axis,
  DisclosureOptions,
  PublishedCell,
  PublishedTable,
  Quantity,
  QuantitySupport,
  RawTable,
  SuppressionReason,
} from './report/report-model.js';
export {
  PUBLICATION_METHODS,
  type PublicationMethod,
  type ReportOptions,
  type ReportOptionsInput,
  ReportOptionsSchema,
} from './report/report-options.js';
export {
  isReportRefusal,
  REPORT_REFUSAL_CODES,
  type ReportRefusal,
  reportRefusals,
} from './report/report-refusal.js';
export {
  createStatisticsReport,
  type InvalidReportOptions,
  isInvalidReportOptions,
  type ReportContext,
  type ReportCube,
  type ReportIntervention,
  type ReportPeriod,
  reportPerturbationTable,
  type StatisticsReport,
} from './report/statistics-report.js';
export {
  type AuthenticatedCheckpointsOptions,
  authenticatedCheckpoints,
  CHECKPOINT_KEY_ID,
} from './runner/authenticated-checkpoints.js';
export { CheckpointRejected, type CheckpointRejectionCode } from './runner/checkpoint-rejected.js';
export { checkpointStream, createEventStoreCheckpointStore } from './runner/event-store-checkpoint-store.js';
export { createMemoryCheckpointStore } from './runner/memory-checkpoint-store.js';
export {
  createProjectionRunner,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
} from './runner/projection-runner.js';
export { type AsOf, type ReplayOptions, replay } from './runner/replay.js';
