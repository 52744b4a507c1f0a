import { type KeyDestruction, type KeyStore, type Random, secureRandom } from '@pinnstatistik/core';
import { compactAndVerify } from './compaction.js';
import type { FaultListener, PostgresConnection, PostgresTimeouts } from './connection.js';
import { openMaintenance } from './maintenance.js';
import { openStoreConnection } from './open-store-connection.js';
import { quoteSchema } from './schema-name.js';

const KEY_BYTES = 32;
const ATTEMPTS = 5;

/** Options for {@link createPostgresKeyStore}. */
export interface PostgresKeyStoreOptions extends PostgresTimeouts {
  /**
   * A `pg.Pool` you own, or a connection string (its pool is ended by `close()`). Keep keys in
   * another database (or cluster) than the events, with a short backup retention: a copy of
   * the events must not carry the keys that open them.
   */
  readonly connection: PostgresConnection;
  /** The schema holding the `keys` table (default `pinnstatistik`). */
  readonly schema?: string;
  /** Create and migrate the schema on start (default `true`). */
  readonly migrate?: boolean;
  /** Where key bytes come from (default: the platform's secure randomness). */
  readonly random?: Random;
  /**
   * After deleting a key's row, rewrite the table, checkpoint and read its files back to check
   * the key's bytes are gone (default `true`; needs the table's owner, and superuser or
   * `pg_checkpoint` and `pg_read_server_files`). Off, `destroy` answers `unverifiable`.
   */
  readonly verifyDestruction?: boolean;
  /**
   * A connection for compaction, as a role that owns the table and may `CHECKPOINT` and read
   * the server's files (see the event store's option of the same name); default: the store's own.
   */
  readonly maintenance?: PostgresConnection;
  /** Told about every fault the store meets: for logs and metrics. */
  readonly onFault?: FaultListener;
}

/** The `KeyStore` on PostgreSQL, with the resources it holds. */
export interface PostgresKeyStore extends KeyStore {
  /** Ends the pool if the store created it. */
  close(): Promise<void>;
}

/**
 * Keys in their own table, one row each. `destroy` deletes the row, rewrites the table
 * (`VACUUM FULL`: a new file with the live keys only), forces a `CHECKPOINT` (the old file is
 * unlinked, the new one on disk), then reads every file of the table back — heap, TOAST and
 * index, old and new — and searches them for the key's 32 bytes. It answers `verified` only when
 * they are not there; `residue` when they are (an older snapshot still sees the row: it names
 * the session) or the table could not be rewritten; `unverifiable` when the role may not check.
 * Destroying a key that is already gone re-runs the rewrite and checks that the table's file
 * holds no row version beyond the live keys. What WAL, archives, replicas and backups keep is
 * outside any table: see the README.
 */
export async function createPostgresKeyStore(options: PostgresKeyStoreOptions): Promise<PostgresKeyStore> {
  const opened = await openStoreConnection(options, (connection) =>
    openMaintenance(options.maintenance, connection.database, connection.timeouts, connection.onFault),
  );
  const { database, release, extra: maintenance } = opened;
  const table = `${quoteSchema(opened.schema)}.keys`;
  const random = options.random ?? secureRandom;

  const get = async (keyId: string): Promise<Uint8Array | undefined> => {
    const { rows } = await database.query<{ key: Uint8Array }>(
      { text: `select key from ${table} where key_id = $1`, values: [keyId] },
      'reading a key',
    );
    return rows[0]?.key;
  };

  // One destruction at a time per store: each rewrites the whole (small) table.
  let destroying: Promise<unknown> = Promise.resolve();

  const destroyNow = async (keyId: string): Promise<KeyDestruction> => {
    const { rows } = await database.query<{ key: Uint8Array }>(
      { text: `delete from ${table} where key_id = $1 returning key`, values: [keyId] },
      'destroying a key',
    );
    const key = rows[0]?.key;
    try {
      const compaction = await compactAndVerify(maintenance.database, {
        tables: [table],
        needles: key === undefined ? [] : [{ bytes: key, owner: 0 }],
        // Without the key's bytes (deleted before), the check is that no deleted row version remains.
        noDeadRows: key === undefined,
        verify: options.verifyDestruction !== false,
      });
      if (compaction.outcome === 'verified') return { outcome: 'verified' };
      return {
        outcome: compaction.outcome,
        detail: `key ${JSON.stringify(keyId)} is deleted, but ${compaction.detail ?? 'it could not be checked'}`,
      };
    } finally {
      key?.fill(0);
    }
  };

  return {
    async create(keyId) {
      // Insert-if-absent then read: a concurrent create of the same id waits for the first to
      // commit and both read the winner's key. Retried if the key is destroyed in between.
      for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
        const candidate = random.bytes(KEY_BYTES);
        await database.query(
          {
            text: `insert into ${table} (key_id, key) values ($1, $2) on conflict (key_id) do nothing`,
            values: [keyId, candidate],
          },
          'creating a key',
        );
        candidate.fill(0);
        const key = await get(keyId);
        if (key !== undefined) return key;
      }
      throw new Error(`key ${JSON.stringify(keyId)} was destroyed as fast as it was created`);
    },
    get,
    destroy(keyId) {
      const done = destroying.then(() => destroyNow(keyId));
      destroying = done.catch(() => undefined);
      return done;
    },
    close: async () => {
      await destroying;
      await maintenance.release();
      await release();
    },
  };
}
