import type pg from 'pg';
import { type FaultListener, guardClient, type ResolvedTimeouts } from './connection.js';
import { isFault, storeUnavailable } from './faults.js';

/** One statement: its text, its parameters, and (for hot statements) a name to prepare it under. */
export interface Statement {
  readonly text: string;
  readonly values?: readonly unknown[];
  /** Prepared once per connection under this name (the same text every time). */
  readonly name?: string;
}

/** A connection held for several statements (a transaction, session settings). */
export interface Session {
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    statement: Statement | string,
  ): Promise<pg.QueryResult<Row>>;
}

/** How a store talks to the server: every call bounded by the timeouts, every fault typed. */
export interface Database {
  readonly pool: pg.Pool;
  readonly timeouts: ResolvedTimeouts;
  /** One statement on a pooled connection (autocommit). `what` names the operation in a fault. */
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    statement: Statement | string,
    what: string,
  ): Promise<pg.QueryResult<Row>>;
  /**
   * Runs `body` on one connection. If anything throws (a fault, thrown by any of its
   * statements as `StoreUnavailable`, or a bug) the connection is destroyed instead of returned
   * to the pool; so is a session that changed settings (`discard: true`).
   */
  withSession<T>(
    what: string,
    body: (session: Session) => Promise<T>,
    options?: { readonly queryTimeoutMs?: number; readonly discard?: boolean },
  ): Promise<T>;
  /**
   * A connection of its own for a long-lived use (LISTEN), within the connect timeout and with
   * an error listener; the caller releases it.
   */
  connect(what: string): Promise<pg.PoolClient>;
  /** Where faults are reported. */
  readonly onFault: FaultListener;
}

/**
 * A pooled connection within `connectTimeoutMs` — also when the pool is full and would make the
 * caller wait for ever, or the network stalls while connecting. Failing here means nothing was
 * sent: `StoreUnavailable` with `outcome: 'not-written'`.
 */
async function acquire(
  pool: pg.Pool,
  timeouts: ResolvedTimeouts,
  onFault: FaultListener,
  what: string,
): Promise<pg.PoolClient> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const connecting = pool.connect();
  try {
    const client = await Promise.race([
      connecting,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          reject(new Error(`no connection within ${timeouts.connectTimeoutMs} ms`));
        }, timeouts.connectTimeoutMs);
      }),
    ]);
    guardClient(client, onFault);
    return client;
  } catch (error) {
    if (timedOut) {
      // The pool may still hand a connection over later: give it straight back.
      connecting.then(
        (late) => late.release(),
        () => undefined,
      );
    }
    onFault(error, what);
    // A server that answers but refuses the connection for good (no such database, wrong
    // password) is a configuration error, said in the server's words; retrying cannot help.
    if (!timedOut && !isFault(error)) throw error;
    throw storeUnavailable(error, false, what);
  } finally {
    clearTimeout(timer);
  }
}

const BYTEA = 17;

/** `bytea` in its text form (`\\x` + hex) as a plain `Uint8Array` with a buffer of its own. */
export function parseBytea(text: string): Uint8Array {
  const bytes = new Uint8Array((text.length - 2) >>> 1);
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(text.slice(2), 'hex');
  return bytes;
}

/**
 * The store's own reading of values, whatever type parsers the pool (or the process) set:
 * `bytea` as `Uint8Array`, everything else as the server's text (numbers parsed where read).
 */
const OWN_TYPES = {
  getTypeParser: (oid: number) => (oid === BYTEA ? parseBytea : (text: string) => text),
};

/** Runs one statement on a held client, turning faults into `StoreUnavailable` (sent: outcome unknown). */
async function run<Row extends pg.QueryResultRow>(
  client: pg.ClientBase,
  statement: Statement | string,
  queryTimeoutMs: number,
): Promise<pg.QueryResult<Row>> {
  const { text, values, name } = typeof statement === 'string' ? { text: statement } : statement;
  return client.query<Row>({
    text,
    ...(values === undefined ? {} : { values: values as unknown[] }),
    ...(name === undefined ? {} : { name }),
    query_timeout: queryTimeoutMs,
    types: OWN_TYPES,
  } as pg.QueryConfig);
}

/** The store's way to the server over a pool (see {@link Database}). */
export function createDatabase(pool: pg.Pool, timeouts: ResolvedTimeouts, onFault: FaultListener): Database {
  const withSession: Database['withSession'] = async (what, body, options = {}) => {
    const client = await acquire(pool, timeouts, onFault, what);
    const queryTimeoutMs = options.queryTimeoutMs ?? timeouts.queryTimeoutMs;
    let broken: Error | undefined;
    try {
      return await body({
        query: async <Row extends pg.QueryResultRow>(statement: Statement | string) => {
          try {
            return await run<Row>(client, statement, queryTimeoutMs);
          } catch (error) {
            if (!isFault(error)) throw error;
            broken = error instanceof Error ? error : new Error(String(error));
            onFault(error, what);
            throw storeUnavailable(error, true, what);
          }
        },
      });
    } catch (error) {
      // Whatever failed (a fault, or a bug that left a transaction open), the connection is
      // not handed to the next caller.
      broken ??= error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken ?? (options.discard === true ? true : undefined));
    }
  };
  return {
    pool,
    timeouts,
    onFault,
    query: (statement, what) => withSession(what, (session) => session.query(statement)),
    withSession,
    connect: (what) => acquire(pool, timeouts, onFault, what),
  };
}
