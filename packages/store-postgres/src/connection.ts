import pg from 'pg';

/** A `pg.Pool` the caller owns, or a connection string for a pool the adapter creates and ends. */
export type PostgresConnection = pg.Pool | string;

/** The pool an adapter runs on, and how to let go of it. */
export interface ResolvedPool {
  readonly pool: pg.Pool;
  /** Ends the pool if the adapter created it; leaves a caller's pool alone. */
  release(): Promise<void>;
}

/** Opens a pool for a connection string, or borrows the caller's pool. */
export function resolvePool(connection: PostgresConnection): ResolvedPool {
  if (typeof connection !== 'string') return { pool: connection, release: async () => undefined };
  const pool = new pg.Pool({ connectionString: connection });
  // An idle client losing its server emits on the pool; without a listener that kills the
  // process. The fault surfaces again on the next query, where the caller sees it.
  pool.on('error', () => undefined);
  let ended: Promise<void> | undefined;
  return {
    pool,
    release: () => {
      ended ??= pool.end();
      return ended;
    },
  };
}
