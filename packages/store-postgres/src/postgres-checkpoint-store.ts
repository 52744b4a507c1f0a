import type { CheckpointStore } from '@pinnstatistik/core';
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
 * Projection checkpoints in a table, one row per projection. Keep them in the events'
 * database and a projection's read model can save its checkpoint in the same transaction.
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
      const { rows } = await pool.query<{ position: string }>(
        `select position from ${table} where projection = $1`,
        [projection],
      );
      return rows[0]?.position;
    },
    async save(projection, position) {
      await pool.query(
        `insert into ${table} (projection, position) values ($1, $2)
           on conflict (projection) do update set position = excluded.position`,
        [projection, position],
      );
    },
    async reset(projection) {
      await pool.query(`delete from ${table} where projection = $1`, [projection]);
    },
    close: release,
  };
}
