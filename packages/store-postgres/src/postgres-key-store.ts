import { type KeyStore, type Random, secureRandom } from '@pinnstatistik/core';
import { type PostgresConnection, resolvePool } from './connection.js';
import { ensureMigrated } from './migrate.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema-name.js';

const KEY_BYTES = 32;
const ATTEMPTS = 5;

/** Options for {@link createPostgresKeyStore}. */
export interface PostgresKeyStoreOptions {
  /** A `pg.Pool` you own, or a connection string (its pool is ended by `close()`). May be another database than the events'. */
  readonly connection: PostgresConnection;
  /** The schema holding the `keys` table (default `pinnstatistik`). */
  readonly schema?: string;
  /** Create and migrate the schema on start (default `true`). */
  readonly migrate?: boolean;
  /** Where key bytes come from (default: the platform's secure randomness). */
  readonly random?: Random;
}

/** The `KeyStore` on PostgreSQL, with the resources it holds. */
export interface PostgresKeyStore extends KeyStore {
  /** Ends the pool if the store created it. */
  close(): Promise<void>;
}

/**
 * Keys in their own table, one row each; `destroy` deletes the row. What a deleted row still
 * leaves behind (dead tuples until vacuum, WAL, backups) is the operator's to bound: see the README.
 */
export async function createPostgresKeyStore(options: PostgresKeyStoreOptions): Promise<PostgresKeyStore> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const table = `${quoteSchema(schema)}.keys`;
  const random = options.random ?? secureRandom;
  const { pool, release } = resolvePool(options.connection);
  try {
    if (options.migrate !== false) await ensureMigrated(pool, schema);
  } catch (error) {
    await release();
    throw error;
  }

  const get = async (keyId: string): Promise<Uint8Array | undefined> => {
    const { rows } = await pool.query<{ key: Buffer }>(`select key from ${table} where key_id = $1`, [keyId]);
    const row = rows[0];
    return row === undefined ? undefined : new Uint8Array(row.key);
  };

  return {
    async create(keyId) {
      // Insert-if-absent then read: a concurrent create of the same id waits for the first to
      // commit and both read the winner's key. Retried if the key is destroyed in between.
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        await pool.query(
          `insert into ${table} (key_id, key) values ($1, $2) on conflict (key_id) do nothing`,
          [keyId, Buffer.from(random.bytes(KEY_BYTES))],
        );
        const key = await get(keyId);
        if (key !== undefined) return key;
      }
      throw new Error(`key ${JSON.stringify(keyId)} was destroyed as fast as it was created`);
    },
    get,
    async destroy(keyId) {
      await pool.query(`delete from ${table} where key_id = $1`, [keyId]);
    },
    close: release,
  };
}
