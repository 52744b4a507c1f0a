import {
  type CatchUpSource,
  createCatchUpSubscription,
  type EventStore,
  privateStreamOf,
  type StreamDeletion,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { appendParts, createGroupCommit } from './append.js';
import type { FaultListener, PostgresConnection, PostgresTimeouts } from './connection.js';
import { deleteStreamsFrom, type PostgresStreamDeletion } from './delete-streams.js';
import { openMaintenance } from './maintenance.js';
import { createNotifier } from './notifier.js';
import { openStoreConnection } from './open-store-connection.js';
import { readAllEvents } from './read-all.js';
import { readStreamEvents } from './read-stream.js';
import { resilientReadAll } from './resilient-read.js';
import { notifyChannel, quoteSchema } from './schema-name.js';
import { createStreamLocks } from './stream-lock.js';

/** Options for {@link createPostgresEventStore}. */
export interface PostgresEventStoreOptions extends PostgresTimeouts {
  /**
   * A `pg.Pool` you own (left open by `close()`; the store adds an `'error'` listener to it so a
   * lost idle connection never kills the process), or a connection string (a pool the store
   * creates with its timeouts, and ends on `close()`).
   */
  readonly connection: PostgresConnection;
  /** The schema holding the tables (default `pinnstatistik`); several can share a database. */
  readonly schema?: string;
  /** Create and migrate the schema on start (default `true`); see `migrate()`. */
  readonly migrate?: boolean;
  /** The largest append accepted, in bytes of ids, types, data and metadata (default 1 MiB). */
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
  /**
   * Which streams hold shreddable detail, kept in a table of their own so that compacting it
   * after a deletion never rewrites the whole log (default: the core's private streams — tally
   * sheets, registries and series). Correctness does not depend on it: a deleted stream's events
   * are removed from whichever table holds them.
   */
  readonly detailStreams?: (stream: string) => boolean;
  /**
   * After `deleteStreams`, rewrite the table that held the events (`VACUUM FULL`) so their bytes
   * leave the files (default `true`). Off, deletions are `logical` until you compact.
   */
  readonly compactOnDelete?: boolean;
  /**
   * After compacting, checkpoint and read the files back to check the deleted bytes are gone
   * (default `true`; needs superuser, or `pg_checkpoint` and `pg_read_server_files`). A deletion
   * is reported `physical` only when this check passed.
   */
  readonly verifyDeletion?: boolean;
  /**
   * How many append statements may be on their way to the server at once (default 2). Appends
   * made meanwhile wait and then share one statement and one commit (group commit), each
   * decided on its own: many appends in flight cost a few commits, not one each.
   */
  readonly appendConcurrency?: number;
  /**
   * A connection for compaction after `deleteStreams`, as a role that owns the tables and may
   * `CHECKPOINT` and read the server's files (superuser, or `pg_checkpoint` and
   * `pg_read_server_files`); default: the store's own connection. The everyday role then needs
   * none of those rights.
   */
  readonly maintenance?: PostgresConnection;
  /** Told about every fault the store meets (and survives or throws as `StoreUnavailable`): for logs and metrics. */
  readonly onFault?: FaultListener;
}

/** The `EventStore` on PostgreSQL, with the resources it holds. */
export interface PostgresEventStore extends EventStore {
  /** The schema the store reads and writes. */
  readonly schema: string;
  /**
   * Runs `body` — typically: read the stream, decide, append with the revision read — while
   * no other writer using `exclusive` on this stream runs, in this process or any other (a
   * PostgreSQL advisory lock). Writers on a hot stream then take turns instead of colliding
   * and retrying on `WRONG_EXPECTED_REVISION`. Appends outside `exclusive` are not held back;
   * correctness never depends on it (expected revisions still decide).
   */
  exclusive<T>(stream: string, body: () => Promise<T>): Promise<T>;
  /** The port's `deleteStreams`, with the reason when the deletion is only logical. */
  deleteStreams(streams: readonly string[]): Promise<PostgresStreamDeletion>;
  /** Stops every subscription, stops listening and ends the pool if the store created it. */
  close(): Promise<void>;
}

/**
 * An `EventStore` on PostgreSQL: every append — of one stream or an atomic batch — one
 * statement (one round trip, one transaction) under the streams' row locks; the log read in
 * commit-safe order (transaction id, sequence) below the oldest running transaction;
 * subscriptions woken by LISTEN/NOTIFY with polling as a fallback, resuming by themselves after
 * faults; deleted streams tombstoned and their bytes compacted away and checked for.
 */
export async function createPostgresEventStore(
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> {
  const opened = await openStoreConnection(options, () => undefined);
  const { schema, timeouts, onFault, database, release } = opened;
  const quoted = quoteSchema(schema);
  const channel = notifyChannel(schema);
  const target = {
    database,
    schema: quoted,
    maxAppendBytes: options.maxAppendBytes ?? 1024 * 1024,
    isDetail: options.detailStreams ?? ((stream: string) => privateStreamOf(stream) !== undefined),
  };
  const groupCommit = createGroupCommit(target, options.appendConcurrency ?? 2);
  const streamLocks = createStreamLocks(database, schema);
  const maintenance = openMaintenance(options.maintenance, database, timeouts, onFault);
  const deletion = {
    database,
    maintenance: maintenance.database,
    schema: quoted,
    compact: options.compactOnDelete !== false,
    verify: options.verifyDeletion !== false,
  };
  const log = { database, schema: quoted, settleTimeoutMs: options.settleTimeoutMs ?? 1_000 };
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const notifier = options.listen === false ? undefined : createNotifier(database, channel);
  const running = new Set<Subscription>();
  const localWaiters = new Set<() => void>();
  let closed = false;

  // Announced after the commit, not inside the append's transaction: a NOTIFY in a transaction
  // makes every notifying commit in the cluster wait for the one before (a global lock held
  // through the WAL flush), which would serialise concurrent appends. One announcement at a
  // time; appends meanwhile are folded into the next one.
  let announcing = false;
  let announceAgain = false;
  const announce = (): void => {
    for (const wake of [...localWaiters]) wake();
    if (notifier === undefined || closed) return;
    if (announcing) {
      announceAgain = true;
      return;
    }
    announcing = true;
    void database
      .query(
        { name: `pinnstatistik-notify-${quoted}`, text: 'select pg_notify($1, $2)', values: [channel, ''] },
        'an announcement',
      )
      .catch(() => undefined) // reported to onFault; subscribers poll meanwhile
      .finally(() => {
        announcing = false;
        if (announceAgain) {
          announceAgain = false;
          announce();
        }
      });
  };

  let deletions: Promise<unknown> = Promise.resolve();
  let lastExtent: StreamDeletion['extent'] = deletion.compact && deletion.verify ? 'physical' : 'logical';

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
      readAll: resilientReadAll(
        (readOptions) => readAllEvents(log, readOptions, abort.signal),
        abort.signal,
        onFault,
      ),
      nextAppend: () => {
        waiting ??= new Promise<void>((resolve) => {
          const done = (): void => {
            clearTimeout(timer);
            stopListening?.();
            localWaiters.delete(done);
            waits.delete(done);
            waiting = undefined;
            resolve();
          };
          const timer = setTimeout(done, pollIntervalMs);
          const stopListening = notifier?.onNext(done);
          localWaiters.add(done);
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
    append: async (stream, events, { expected }) => {
      const result = await groupCommit(stream, events, expected);
      if (E.isRight(result) && result.right.written > 0) announce();
      return result;
    },
    appendBatch: async (parts) => {
      const result = await appendParts(target, parts);
      if (E.isRight(result) && result.right.some((success) => success.written > 0)) announce();
      return result;
    },
    exclusive: (stream, body) => streamLocks(stream, body),
    deleteStreams: (names) => {
      // One compaction at a time per store: two rewrites of one table would only queue anyway.
      const deleting = deletions.then(async () => {
        const result = await deleteStreamsFrom(deletion, names);
        if (result.removed === 0) return { removed: 0, extent: lastExtent };
        lastExtent = result.extent;
        return result;
      });
      deletions = deleting.catch(() => undefined);
      return deleting;
    },
    readStream: (stream, readOptions) => readStreamEvents(database, quoted, stream, readOptions),
    readAll: (readOptions) => readAllEvents(log, readOptions),
    subscribe,
    close: () => {
      closing ??= (async () => {
        closed = true;
        await Promise.all([...running].map((subscription) => subscription.close()));
        await notifier?.close();
        await deletions;
        await maintenance.release();
        await release();
      })();
      return closing;
    },
  };
}
