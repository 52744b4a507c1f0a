/**
 * PostgreSQL storage for pinnstatistik: the `EventStore`, `KeyStore` and `CheckpointStore`
 * on the `pg` driver, in a schema the package creates and migrates itself.
 *
 * @packageDocumentation
 */
export type { PostgresConnection } from './connection.js';
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
