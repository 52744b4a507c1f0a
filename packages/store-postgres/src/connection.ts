import pg from 'pg';

/** A `pg.Pool` the caller owns, or a connection string for a pool the adapter creates and ends. */
export type PostgresConnection = pg.Pool | string;

/**
 * How long a store waits before it gives up and throws `StoreUnavailable`. Every call to the
 * server is bounded by these: a stalled network fails the call, it never hangs.
 */
export interface PostgresTimeouts {
  /**
   * Getting a connection: opening one, or waiting for a free one in the pool (default 5,000 ms).
   * A call that times out here sent nothing (`outcome: 'not-written'`).
   */
  readonly connectTimeoutMs?: number;
  /**
   * The server cancels a statement running longer than this (`statement_timeout`, default
   * 10,000 ms). Set on the connections of a pool the store creates; for a pool you pass, set
   * `statement_timeout` in its config (the query timeout below still bounds every call).
   */
  readonly statementTimeoutMs?: number;
  /**
   * The client gives up on a reply after this, whatever the server does (a stalled or
   * half-open connection; default 15,000 ms). Longer than the statement timeout, so a slow
   * statement is normally cancelled by the server first and the connection stays usable.
   */
  readonly queryTimeoutMs?: number;
  /**
   * Compaction (`VACUUM FULL`, `CHECKPOINT`, reading the files back) may take this long
   * (default 300,000 ms): it runs on a connection of its own, at seals and key destruction.
   */
  readonly maintenanceTimeoutMs?: number;
  /**
   * How long compaction waits for its exclusive lock before it gives up and reports the
   * deletion as logical (default 5,000 ms) — so it never queues every writer behind it for long.
   */
  readonly lockTimeoutMs?: number;
}

/** {@link PostgresTimeouts} with every default filled in. */
export type ResolvedTimeouts = Required<PostgresTimeouts>;

/** The documented defaults (see the README, "Timeouts"). */
export const DEFAULT_TIMEOUTS: ResolvedTimeouts = {
  connectTimeoutMs: 5_000,
  statementTimeoutMs: 10_000,
  queryTimeoutMs: 15_000,
  maintenanceTimeoutMs: 300_000,
  lockTimeoutMs: 5_000,
};

/** The defaults with the caller's overrides. */
export function resolveTimeouts(timeouts: PostgresTimeouts = {}): ResolvedTimeouts {
  const resolved = { ...DEFAULT_TIMEOUTS };
  for (const name of Object.keys(DEFAULT_TIMEOUTS) as (keyof ResolvedTimeouts)[]) {
    const value = timeouts[name];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number of ms`);
    resolved[name] = value;
  }
  return resolved;
}

/**
 * Called with every fault a store meets and survives — an idle connection lost, a call that
 * failed (and was thrown as `StoreUnavailable`), a subscription or the listener reconnecting.
 * For logs and monitoring; it must not throw.
 */
export type FaultListener = (error: unknown, where: string) => void;

/** The pool an adapter runs on, and how to let go of it. */
export interface ResolvedPool {
  readonly pool: pg.Pool;
  /** Ends the pool if the adapter created it; leaves a caller's pool alone. */
  release(): Promise<void>;
}

const listenersOf = new WeakMap<pg.Pool, Set<FaultListener>>();

/**
 * Makes sure a lost connection never becomes an uncaught `'error'` event: the pool gets a
 * listener (an idle client's loss is emitted there), and so does every client it opens from
 * now on (a checked-out client's loss is emitted on the client). Faults go to every `onFault`
 * registered for the pool; the next call on that connection fails and is thrown as
 * `StoreUnavailable`. Returns a function that unregisters `onFault` (the listeners stay).
 */
export function guardPool(pool: pg.Pool, onFault: FaultListener): () => void {
  let listeners = listenersOf.get(pool);
  if (listeners === undefined) {
    const all = new Set<FaultListener>();
    listeners = all;
    listenersOf.set(pool, all);
    const report: FaultListener = (error, where) => {
      for (const listener of all) listener(error, where);
    };
    pool.on('error', (error) => report(error, 'idle connection'));
    pool.on('connect', (client) => guardClient(client, report));
  }
  listeners.add(onFault);
  const registered = listeners;
  return () => void registered.delete(onFault);
}

const guardedClients = new WeakSet<pg.ClientBase>();

/** Gives a client a lasting `'error'` listener (once), so its loss is reported, not fatal. */
export function guardClient(client: pg.ClientBase, onFault: FaultListener): void {
  if (guardedClients.has(client)) return;
  guardedClients.add(client);
  client.on('error', (error) => onFault(error, 'connection'));
}

/**
 * Opens a pool for a connection string — with the timeouts, TCP keep-alive and the
 * application name `pinnstatistik` (so an operator can find its sessions) — or borrows the
 * caller's pool. Either way the pool and its clients get error listeners ({@link guardPool}).
 */
export function resolvePool(
  connection: PostgresConnection,
  timeouts: ResolvedTimeouts = DEFAULT_TIMEOUTS,
  onFault: FaultListener = () => undefined,
): ResolvedPool {
  if (typeof connection !== 'string') {
    const unguard = guardPool(connection, onFault);
    return { pool: connection, release: async () => unguard() };
  }
  const pool = new pg.Pool({
    connectionString: connection,
    application_name: 'pinnstatistik',
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    // No transaction of ours waits on the client; one left open would hold back every reader.
    idle_in_transaction_session_timeout: timeouts.statementTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  guardPool(pool, onFault);
  let ended: Promise<void> | undefined;
  return {
    pool,
    release: () => {
      ended ??= pool.end();
      return ended;
    },
  };
}
