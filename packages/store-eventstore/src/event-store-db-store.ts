import type {
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { appendBatchPlan, type BatchRetryPolicy } from './append-batch.js';
import { type EventStoreDbClientLike, seamFor } from './client-kind.js';
import type { EventStoreDbClientKind } from './client-seam.js';
import { deleteStreamsByTombstone } from './delete-streams.js';
import { deletedStreams, visibility } from './deleted-streams.js';
import { prepareAppend, sendAppend, type Writer } from './esdb-append.js';
import { readPage, readStreamPages } from './esdb-reads.js';
import { type SubscriptionRetryPolicy, subscribeThroughClient } from './esdb-subscription.js';
import { toRecordedEvent } from './event-encoding.js';
import { type EsdbPosition, parsePosition } from './positions.js';

/** Options of the EventStoreDB / KurrentDB store. */
export interface EventStoreDbStoreOptions {
  /** A client of `@eventstore/db-client` or `@kurrent/kurrentdb-client`. */
  readonly client: EventStoreDbClientLike;
  /** Which of the two packages the client comes from; detected when absent. */
  readonly clientKind?: EventStoreDbClientKind;
  /**
   * The largest append sent, in bytes of data, metadata and type (default 1 MiB, the server's
   * default `MaxAppendSize`). Larger appends are refused as `APPEND_TOO_LARGE` without a round
   * trip; a server configured lower refuses them itself, with the same result.
   */
  readonly maxAppendBytes?: number;
  /**
   * Events per read request when paging through streams and `$all`, and when a subscription
   * catches up (default 512).
   */
  readonly readBatchSize?: number;
  /**
   * The longest a single call to the node may take, in milliseconds (default 10 000, the
   * clients' own `defaultDeadline`): an append, a page of a read, a tombstone. A call that gets
   * no answer in time fails with `StoreUnavailable` instead of hanging.
   */
  readonly deadlineMs?: number;
  /** How subscriptions retry after the server fails them. */
  readonly subscriptionRetry?: SubscriptionRetryPolicy;
  /** How `appendBatch` retries a part that met a connection fault. */
  readonly batchRetry?: BatchRetryPolicy;
  /** Whether `close()` disposes the client (default false: the client is the caller's). */
  readonly disposeClient?: boolean;
}

/** An `EventStore` on EventStoreDB / KurrentDB. */
export interface EventStoreDbStore extends EventStore {
  /** The client package in use. */
  readonly clientKind: EventStoreDbClientKind;
  /** Closes every open subscription, then disposes the client if the store owns it. */
  close(): Promise<void>;
}

const DEFAULT_MAX_APPEND_BYTES = 1024 * 1024;
const DEFAULT_DEADLINE_MS = 10_000;

function nonNegativeInteger(value: number | undefined, name: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new TypeError(`${name} is a non-negative integer`);
  }
}

/**
 * The `EventStore` port on EventStoreDB / KurrentDB through either client package. Events are
 * stored as binary events (`application/octet-stream`), their bytes kept exactly. Conflicts,
 * deleted streams and oversized appends come back as data; a lost, refused or stalled
 * connection is thrown as `StoreUnavailable`; reads page through the server under a deadline;
 * `readAll` and subscriptions leave out the server's own (`$`) streams and events, and the
 * events of deleted streams that `$all` keeps until a scavenge.
 */
export function createEventStoreDbStore(options: EventStoreDbStoreOptions): EventStoreDbStore {
  const batch = options.readBatchSize ?? 512;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  nonNegativeInteger(batch, 'readBatchSize');
  if (!Number.isSafeInteger(deadlineMs) || deadlineMs <= 0)
    throw new TypeError('deadlineMs is a positive integer');
  const seam = seamFor(options.client, options.clientKind);
  const writer: Writer = {
    seam,
    batch,
    deadlineMs,
    maxAppendBytes: options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES,
    deleted: deletedStreams(),
  };
  const open = new Set<Subscription>();

  const append: EventStore['append'] = async (stream, events, { expected }) => {
    const prepared = prepareAppend(writer, stream, events, expected);
    return E.isLeft(prepared) ? prepared : sendAppend(writer, prepared.right);
  };

  async function* readStream(
    stream: string,
    readOptions: ReadStreamOptions = {},
  ): AsyncIterable<RecordedEvent> {
    nonNegativeInteger(readOptions.fromRevision, 'fromRevision');
    nonNegativeInteger(readOptions.limit, 'limit');
    const direction = readOptions.direction ?? 'forwards';
    const from =
      readOptions.fromRevision !== undefined
        ? BigInt(readOptions.fromRevision)
        : direction === 'forwards'
          ? 'start'
          : 'end';
    for await (const resolved of readStreamPages(
      writer,
      stream,
      direction,
      from,
      readOptions.limit ?? Number.POSITIVE_INFINITY,
    )) {
      if (resolved.event !== undefined) yield toRecordedEvent(resolved.event);
    }
  }

  async function* readAll(readOptions: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    nonNegativeInteger(readOptions.limit, 'limit');
    const after = readOptions.after === undefined ? undefined : parsePosition(readOptions.after);
    const view = visibility(writer, writer.deleted);
    let from: EsdbPosition | 'start' = after ?? 'start';
    let remaining = readOptions.limit ?? Number.POSITIVE_INFINITY;
    let skip: EsdbPosition | undefined = after;
    while (remaining > 0) {
      const events = await readPage(
        writer,
        seam.readAll({ direction: 'forwards', fromPosition: from, maxCount: batch }),
        'reading $all',
      );
      const records = events.flatMap(({ event }) => (event === undefined ? [] : [event]));
      await view.admit(records);
      for (const event of records) {
        const position = event.position;
        if (position === undefined) continue;
        // Reading `$all` from a position includes it; ours is exclusive.
        if (skip !== undefined && position.commit === skip.commit && position.prepare === skip.prepare)
          continue;
        if (!view.visible(event)) continue;
        yield toRecordedEvent(event);
        remaining -= 1;
        if (remaining === 0) return;
      }
      const last = events.at(-1)?.event?.position;
      if (events.length < batch || last === undefined) return;
      from = last;
      skip = last;
    }
  }

  return {
    clientKind: seam.kind,
    append,
    appendBatch: (parts) => appendBatchPlan(writer, parts, options.batchRetry),
    deleteStreams: (streams) => deleteStreamsByTombstone(writer, streams),
    readStream,
    readAll,
    subscribe(subscribeOptions, handler) {
      const subscription = subscribeThroughClient(
        writer,
        writer.deleted,
        subscribeOptions,
        handler,
        options.subscriptionRetry,
      );
      const tracked: Subscription = {
        caughtUp: subscription.caughtUp,
        close: async () => {
          open.delete(tracked);
          await subscription.close();
        },
      };
      open.add(tracked);
      return tracked;
    },
    async close() {
      await Promise.all([...open].map((subscription) => subscription.close()));
      if (options.disposeClient === true) await seam.dispose();
    },
  };
}
