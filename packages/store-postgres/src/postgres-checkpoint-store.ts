import type { CheckpointStore, JsonValue } from '@pinnstatistik/core';
import { type PostgresConnection, resolvePool } from './connection.js';
import { ensureMigrated } from './migrate.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema-name.js';

/** Options for {@link createPostgresCheckpointStore}. */
export interface PostgresCheckpointStoreOptions {
  /** A `pg.Pool` you own, or a connection string (its pool is ended by `close()`). */
  readonly connection: PostgresConnection;
  /** The schema holding the `checkpoints` table (default `pinnstatistik`). */
  readonly schema?: string;
  /** Create and migrate the schema on start (default `true`). */
  readonly migrate?: boolean;
}

/** The `CheckpointStore` on PostgreSQL, with the resources it holds. */
export interface PostgresCheckpointStore extends CheckpointStore {
  /** Ends the pool if the store created it. */
  close(): Promise<void>;
}

/**
 * Projection checkpoints in a table, one row per projection: the position and the state as of
 * that position, in one row written by one statement — a save is all or nothing, so a
 * projection resumed after a crash never pairs a position with another save's state (and
 * never counts an event twice). The state is kept as `json`, the exact text `JSON.stringify`
 * wrote.
 */
export async function createPostgresCheckpointStore(
  options: PostgresCheckpointStoreOptions,
): Promise<PostgresCheckpointStore> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const table = `${quoteSchema(schema)}.checkpoints`;
  const { pool, release } = resolvePool(options.connection);
  try {
    if (options.migrate !== false) await ensureMigrated(pool, schema);
  } catch (error) {
    await release();
    throw error;
  }
  return {
    async load(projection) {
      // The state is read as text and parsed here, whatever type parsers the pool has; SQL
      // null (no state saved) stays apart from a saved JSON `null`.
      const { rows } = await pool.query<{ position: string; state: string | null }>(
        `select position, state::text as state from ${table} where projection = $1`,
        [projection],
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      if (row.state === null) return { position: row.position };
      return { position: row.position, state: JSON.parse(row.state) as JsonValue };
    },
    async save(projection, checkpoint) {
      // Stringified here: pg would turn a JS array into a PostgreSQL array and send a string as is.
      const state = checkpoint.state === undefined ? null : JSON.stringify(checkpoint.state);
      await pool.query(
        `insert into ${table} (projection, position, state) values ($1, $2, $3::json)
           on conflict (projection) do update set position = excluded.position, state = excluded.state`,
        [projection, checkpoint.position, state],
      );
    },
    async reset(projection) {
      await pool.query(`delete from ${table} where projection = $1`, [projection]);
    },
    close: release,
  };
}
