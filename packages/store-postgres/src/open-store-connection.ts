import type pg from 'pg';
import {
  type FaultListener,
  type PostgresConnection,
  type PostgresTimeouts,
  type ResolvedTimeouts,
  resolvePool,
  resolveTimeouts,
} from './connection.js';
import { createDatabase, type Database } from './database.js';
import { ensureMigrated } from './migrate.js';
import { DEFAULT_SCHEMA } from './schema-name.js';

/** What every store on PostgreSQL is opened with. */
export interface StoreConnectionOptions extends PostgresTimeouts {
  readonly connection: PostgresConnection;
  readonly schema?: string;
  readonly migrate?: boolean;
  readonly onFault?: FaultListener;
}

/** A store's pool, its database wrapper and how to let go of them. */
export interface StoreConnection {
  readonly schema: string;
  readonly timeouts: ResolvedTimeouts;
  /** The caller's fault listener, made safe: one that throws cannot turn a survived fault into a crash. */
  readonly onFault: FaultListener;
  readonly pool: pg.Pool;
  readonly database: Database;
  release(): Promise<void>;
}

/**
 * Opens (or borrows) the pool, wraps it with the timeouts and fault listener, and migrates the
 * schema unless told not to. If migrating fails, everything opened so far — `opened` included
 * (a maintenance connection, say) — is released before the error is thrown.
 */
export async function openStoreConnection<Extra extends { release(): Promise<void> } | undefined>(
  options: StoreConnectionOptions,
  opened: (connection: StoreConnection) => Extra,
): Promise<StoreConnection & { readonly extra: Extra }> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const timeouts = resolveTimeouts(options);
  const onFault: FaultListener = (error, where) => {
    try {
      options.onFault?.(error, where);
    } catch {
      // a listener that throws must not turn a survived fault into a crash
    }
  };
  const { pool, release } = resolvePool(options.connection, timeouts, onFault);
  const connection: StoreConnection = {
    schema,
    timeouts,
    onFault,
    pool,
    database: createDatabase(pool, timeouts, onFault),
    release,
  };
  const extra = opened(connection);
  try {
    if (options.migrate !== false) await ensureMigrated(pool, schema);
  } catch (error) {
    await extra?.release();
    await release();
    throw error;
  }
  return { ...connection, extra };
}
