/**
 * PostgreSQL storage for pinnstatistik: the `EventStore`, `KeyStore` and `CheckpointStore`
 * on the `pg` driver, in a schema the package creates and migrates itself.
 *
 * @packageDocumentation
 * @module @pinnstatistik/store-postgres
 */
export type { Compaction } from './compaction.js';
export {
  DEFAULT_TIMEOUTS,
  type FaultListener,
  type PostgresConnection,
  type PostgresTimeouts,
  type ResolvedTimeouts,
} from './connection.js';
export type { PostgresStreamDeletion } from './delete-streams.js';
export {
  type InspectRetentionOptions,
  inspectRetention,
  type RetentionReport,
} from './inspect-retention.js';
export { type MigrateOptions, type MigrationReport, migrate } from './migrate.js';
export { comparePositions } from './position.js';
export {
  createPostgresCheckpointStore,
  type PostgresCheckpointStore,
  type PostgresCheckpointStoreOptions,
} from './postgres-checkpoint-store.js';
export {
  createPostgresEventStore,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
} from './postgres-event-store.js';
export {
  createPostgresKeyStore,
  type PostgresKeyStore,
  type PostgresKeyStoreOptions,
} from './postgres-key-store.js';
export {
  type KeyPlace,
  type LongTransactionFact,
  RETENTION_SETTINGS,
  type RetentionFacts,
  type RetentionSetting,
  type SlotFact,
} from './retention-facts.js';
export type { RetentionFinding, RetentionSeverity } from './retention-findings.js';
