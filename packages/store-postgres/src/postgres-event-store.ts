import {
  type CatchUpSource,
  createCatchUpSubscription,
  type EventStore,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
} from '@pinnstatistik/core';
import { appendEvents } from './append.js';
import { type PostgresConnection, resolvePool } from './connection.js';
import { ensureMigrated } from './migrate.js';
import { createNotifier } from './notifier.js';
import { readAllEvents } from './read-all.js';
import { readStreamEvents } from './read-stream.js';
import { DEFAULT_SCHEMA, notifyChannel, quoteSchema } from './schema-name.js';

/** Options for {@link createPostgresEventStore}. */
export interface PostgresEventStoreOptions {
  /** A `pg.Pool` you own (left open by `close()`), or a connection string (its pool is ended by `close()`). */
  readonly connection: PostgresConnection;
  /** The schema holding the tables (default `pinnstatistik`); several can share a database. */
  readonly schema?: string;
  /** Create and migrate the schema on start (default `true`); see `migrate()`. */
  readonly migrate?: boolean;
  /** The largest append accepted, in bytes of encoded JSON (default 1 MiB). */
  readonly maxAppendBytes?: number;
  /** Wake subscriptions with LISTEN/NOTIFY (default `true`); without it they only poll. */
  readonly listen?: boolean;
  /** How often a waiting subscription polls, whatever LISTEN says (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /**
   * How long `readAll` and catching up wait for transactions older than the newest committed
   * event to end (default 1000 ms); see the README on commit order.
   */
  readonly settleTimeoutMs?: number;
}

/** The `EventStore` on PostgreSQL, with the resources it holds. */
export interface PostgresEventStore extends EventStore {
  /** The schema the store reads and writes. */
  readonly schema: string;
  /** Stops every subscription, stops listening and ends the pool if the store created it. */
  close(): Promise<void>;
}

/**
 * An `EventStore` on PostgreSQL: one transaction per append under the stream's row lock, the
 * log read in commit-safe order (transaction id, sequence) below the oldest running
 * transaction, and subscriptions woken by LISTEN/NOTIFY with polling as a fallback.
 */
export async function createPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const quoted = quoteSchema(schema);
  const channel = notifyChannel(schema);
  const { pool, release } = resolvePool(options.connection);
  try {
    if (options.migrate !== false) await ensureMigrated(pool, schema);
  } catch (error) {
    await release();
    throw error;
  }
  const target = { pool, schema: quoted, channel, maxAppendBytes: options.maxAppendBytes ?? 1024 * 1024 };
  const log = { pool, schema: quoted, settleTimeoutMs: options.settleTimeoutMs ?? 1_000 };
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const notifier = options.listen === false ? undefined : createNotifier(pool, channel);
  const running = new Set<Subscription>();
  let closed = false;

  const subscribe = (subscribeOptions: SubscribeOptions, handler: SubscriptionHandler): Subscription => {
    if (closed) throw new Error('the PostgreSQL event store is closed');
    const abort = new AbortController();
    const waits = new Set<() => void>();
    let released = false;
    const cleanUp = (): void => {
      abort.abort();
      for (const cancel of [...waits]) cancel();
      if (!released) notifier?.release();
      released = true;
    };
    // One wait at a time: while catching up, the loop asks again before the last wait ended;
    // that wait still resolves on the next append (or poll), so it is handed out again.
    let waiting: Promise<void> | undefined;
    const source: CatchUpSource = {
      readAll: (readOptions) => readAllEvents(log, readOptions, abort.signal),
      nextAppend: () => {
        waiting ??= new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            stopListening?.();
            waits.delete(done);
            waiting = undefined;
            resolve();
          };
          const timer = setTimeout(done, pollIntervalMs);
          const stopListening = notifier?.onNext(done);
          waits.add(done);
        });
        return waiting;
      },
    };
    notifier?.acquire();
    const inner = createCatchUpSubscription(source, subscribeOptions, {
      onEvent: (event) => handler.onEvent(event),
      onCaughtUp: (position) => handler.onCaughtUp?.(position),
      onError: (error) => {
        cleanUp();
        running.delete(subscription);
        handler.onError?.(error);
      },
    });
    let closing: Promise<void> | undefined;
    const subscription: Subscription = {
      caughtUp: inner.caughtUp,
      close: () => {
        closing ??= (async () => {
          cleanUp();
          await inner.close();
          running.delete(subscription);
        })();
        return closing;
      },
    };
    running.add(subscription);
    return subscription;
  };

  let closing: Promise<void> | undefined;
  return {
    schema,
    // An append that finds some of its ids stored writes nothing and says so: `written` is exact.
    reportsExactWrites: true,
    append: (stream, events, { expected }) => appendEvents(target, stream, events, expected),
    readStream: (stream, readOptions) => readStreamEvents(pool, quoted, stream, readOptions),
    readAll: (readOptions) => readAllEvents(log, readOptions),
    subscribe,
    close: () => {
      closing ??= (async () => {
        closed = true;
        await Promise.all([...running].map((subscription) => subscription.close()));
        await notifier?.close();
        await release();
      })();
      return closing;
    },
  };
}
