import type { CheckpointStore, JsonValue } from '@pinnstatistik/core';
import { type Compaction, compactAndVerify } from './compaction.js';
import type { FaultListener, PostgresConnection, PostgresTimeouts } from './connection.js';
import { openMaintenance } from './maintenance.js';
import { openStoreConnection } from './open-store-connection.js';
import { quoteSchema } from './schema-name.js';

/** Options for {@link createPostgresCheckpointStore}. */
export interface PostgresCheckpointStoreOptions extends PostgresTimeouts {
  /** A `pg.Pool` you own, or a connection string (its pool is ended by `close()`). */
  readonly connection: PostgresConnection;
  /** The schema holding the `checkpoints` table (default `pinnstatistik`). */
  readonly schema?: string;
  /** Create and migrate the schema on start (default `true`). */
  readonly migrate?: boolean;
  /**
   * Compact the table (see {@link PostgresCheckpointStore.compact}) after this many saves by
   * this store (default 100; 0 never, call `compact()` yourself). Runs in the background; a
   * failure is reported to `onFault`, never thrown.
   */
  readonly compactEverySaves?: number;
  /**
   * A connection for compaction, as a role that owns the table and may `CHECKPOINT` and read
   * the server's files (see the event store's option of the same name); default: the store's own.
   */
  readonly maintenance?: PostgresConnection;
  /** Told about every fault the store meets: for logs and metrics. */
  readonly onFault?: FaultListener;
}

/** The `CheckpointStore` on PostgreSQL, with the resources it holds. */
export interface PostgresCheckpointStore extends CheckpointStore {
  /**
   * Rewrites the checkpoint table (`VACUUM FULL`: one row per projection, so it is quick), so
   * superseded states — every save leaves the row it replaced behind as a dead version — leave
   * its files; then (unless `verify: false`) checkpoints and checks that the file holds no row
   * version beyond the live ones (`verified`), or says why it could not.
   */
  compact(options?: { readonly verify?: boolean }): Promise<Compaction>;
  /** Waits for a background compaction, then ends the pool if the store created it. */
  close(): Promise<void>;
}

/**
 * Projection checkpoints in a table, one row per projection: the position and the state as of
 * that position, in one row written by one statement — a save is all or nothing, so a
 * projection resumed after a crash never pairs a position with another save's state (and
 * never counts an event twice). The state is kept as `json`, the exact text `JSON.stringify`
 * wrote. A save replaces the row, and PostgreSQL keeps the replaced version until vacuumed, its
 * bytes until the table is rewritten: the store compacts every `compactEverySaves` saves.
 */
export async function createPostgresCheckpointStore(
  options: PostgresCheckpointStoreOptions,
): Promise<PostgresCheckpointStore> {
  const opened = await openStoreConnection(options, (connection) =>
    openMaintenance(options.maintenance, connection.database, connection.timeouts, connection.onFault),
  );
  const { database, release, onFault, extra: maintenance } = opened;
  const table = `${quoteSchema(opened.schema)}.checkpoints`;
  const compactEverySaves = options.compactEverySaves ?? 100;
  let savesSinceCompaction = 0;
  let compacting: Promise<Compaction> | undefined;

  const compact = async (compactOptions: { readonly verify?: boolean } = {}): Promise<Compaction> => {
    await compacting?.catch(() => undefined);
    const running = compactAndVerify(maintenance.database, {
      tables: [table],
      needles: [],
      noDeadRows: true,
      verify: compactOptions.verify !== false,
    });
    compacting = running;
    return running.finally(() => {
      if (compacting === running) compacting = undefined;
    });
  };

  return {
    async load(projection) {
      // The state is read as text and parsed here; SQL null (no state saved) stays apart from a
      // saved JSON `null`.
      const { rows } = await database.query<{ position: string; state: string | null }>(
        {
          text: `select position, state::text as state from ${table} where projection = $1`,
          values: [projection],
        },
        'loading a checkpoint',
      );
      const row = rows[0];
      if (row === undefined) return undefined;
      if (row.state === null) return { position: row.position };
      return { position: row.position, state: JSON.parse(row.state) as JsonValue };
    },
    async save(projection, checkpoint) {
      // Stringified here: pg would turn a JS array into a PostgreSQL array and send a string as is.
      const state = checkpoint.state === undefined ? null : JSON.stringify(checkpoint.state);
      await database.query(
        {
          text: `insert into ${table} (projection, position, state) values ($1, $2, $3::json)
                   on conflict (projection) do update set position = excluded.position, state = excluded.state`,
          values: [projection, checkpoint.position, state],
        },
        'saving a checkpoint',
      );
      savesSinceCompaction += 1;
      if (compactEverySaves > 0 && savesSinceCompaction >= compactEverySaves && compacting === undefined) {
        savesSinceCompaction = 0;
        // Rewritten only: a forced CHECKPOINT and a read-back every few saves would cost more than it tells.
        compact({ verify: false }).then(
          (compaction) => {
            if (compaction.outcome === 'residue')
              onFault(new Error(`checkpoint compaction: ${compaction.detail}`), 'compaction');
          },
          (error: unknown) => onFault(error, 'compaction'),
        );
      }
    },
    async reset(projection) {
      await database.query(
        { text: `delete from ${table} where projection = $1`, values: [projection] },
        'resetting a checkpoint',
      );
    },
    compact,
    close: async () => {
      await compacting?.catch(() => undefined);
      await maintenance.release();
      await release();
    },
  };
}
