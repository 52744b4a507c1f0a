import type {
  AppendError,
  AppendSuccess,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { type EventStoreDbClientLike, seamFor } from './client-kind.js';
import type {
  ClientExpected,
  ClientResolvedEvent,
  ClientSeam,
  EventStoreDbClientKind,
} from './client-seam.js';
import { type SubscriptionRetryPolicy, subscribeThroughClient } from './esdb-subscription.js';
import { isSystemRecord, proposedSize, toProposedEvent, toRecordedEvent } from './event-encoding.js';
import { type EsdbPosition, formatPosition, parsePosition } from './positions.js';

/** Options of the EventStoreDB / KurrentDB store. */
export interface EventStoreDbStoreOptions {
  /** A client of `@eventstore/db-client` or `@kurrent/kurrentdb-client`. */
  readonly client: EventStoreDbClientLike;
  /** Which of the two packages the client comes from; detected when absent. */
  readonly clientKind?: EventStoreDbClientKind;
  /**
   * The largest append sent, in bytes of JSON data, metadata and type (default 1 MiB, the
   * server's default `MaxAppendSize`). Larger appends are refused as `APPEND_TOO_LARGE` without
   * a round trip; a server configured lower refuses them itself, with the same result.
   */
  readonly maxAppendBytes?: number;
  /**
   * Events per read request when paging through streams and `$all`, and when a subscription
   * catches up (default 512).
   */
  readonly readBatchSize?: number;
  /** How subscriptions retry after the server fails them. */
  readonly subscriptionRetry?: SubscriptionRetryPolicy;
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

function clientExpected(expected: ExpectedRevision): ClientExpected {
  if (expected === 'any') return 'any';
  if (expected === 'no-stream') return 'no_stream';
  if (expected === 'stream-exists') return 'stream_exists';
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new TypeError(`an expected revision is a non-negative integer, not ${expected}`);
  }
  return BigInt(expected);
}

function actualRevision(actual: bigint | 'no_stream'): number | 'no-stream' {
  return actual === 'no_stream' || actual < 0n ? 'no-stream' : Number(actual);
}

function nonNegativeInteger(value: number | undefined, name: string): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new TypeError(`${name} is a non-negative integer, not ${value}`);
  }
}

/** The type of an error of either client, structurally (no `instanceof` across packages). */
function errorType(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
}

async function page(iterable: AsyncIterable<ClientResolvedEvent>): Promise<ClientResolvedEvent[]> {
  const events: ClientResolvedEvent[] = [];
  for await (const resolved of iterable) events.push(resolved);
  return events;
}

/**
 * The `EventStore` port on EventStoreDB / KurrentDB through either client package. Data and
 * metadata are stored as JSON; event ids that are not UUIDs are mapped to derived UUIDs (the
 * original kept in metadata), so the server de-duplicates retried appends. Conflicts and
 * oversized appends come back as data; reads page through the server; `readAll` and
 * subscriptions leave out the server's own (`$`) streams and events.
 */
export function createEventStoreDbStore(options: EventStoreDbStoreOptions): EventStoreDbStore {
  const seam: ClientSeam = seamFor(options.client, options.clientKind);
  const maxAppendBytes = options.maxAppendBytes ?? DEFAULT_MAX_APPEND_BYTES;
  const batch = options.readBatchSize ?? 512;
  nonNegativeInteger(batch, 'readBatchSize');
  const open = new Set<Subscription>();

  const readPages = async function* (
    stream: string,
    direction: 'forwards' | 'backwards',
    fromRevision: bigint | 'start' | 'end',
    limit: number,
  ): AsyncGenerator<ClientResolvedEvent> {
    let from = fromRevision;
    let remaining = limit;
    while (remaining > 0) {
      const maxCount = Math.min(batch, remaining);
      let events: ClientResolvedEvent[];
      try {
        events = await page(seam.readStream(stream, { direction, fromRevision: from, maxCount }));
      } catch (error) {
        if (errorType(error) === 'stream-not-found') return;
        throw error;
      }
      yield* events;
      remaining -= events.length;
      const last = events.at(-1)?.event?.revision;
      if (events.length < maxCount || last === undefined) return;
      from = direction === 'forwards' ? last + 1n : last - 1n;
      if (from < 0n) return;
    }
  };

  /** The last event of a stream, if any: for what an append result leaves out. */
  const lastOf = async (stream: string): Promise<ClientResolvedEvent['event']> => {
    for await (const resolved of readPages(stream, 'backwards', 'end', 1)) return resolved.event;
    return undefined;
  };

  const append: EventStore['append'] = async (stream, events, { expected }) => {
    const wanted = clientExpected(expected);
    const proposed = events.map(toProposedEvent);
    const size = proposed.reduce((sum, event) => sum + proposedSize(event), 0);
    if (size > maxAppendBytes) {
      return E.left<AppendError, AppendSuccess>({
        code: 'APPEND_TOO_LARGE',
        stream,
        size,
        limit: maxAppendBytes,
      });
    }
    let result: Awaited<ReturnType<ClientSeam['append']>>;
    try {
      result = await seam.append(stream, proposed, wanted);
    } catch (error) {
      const actual = seam.actualRevisionOf(error);
      if (actual !== undefined) {
        return E.left({ code: 'WRONG_EXPECTED_REVISION', stream, expected, actual: actualRevision(actual) });
      }
      if (errorType(error) === 'maximum-append-size-exceeded') {
        const limit = (error as { maxAppendSize?: unknown }).maxAppendSize;
        return E.left({
          code: 'APPEND_TOO_LARGE',
          stream,
          size,
          limit: typeof limit === 'number' ? limit : size - 1,
        });
      }
      throw error;
    }
    if (!result.success || events.length === 0 || result.position === undefined) {
      // A client with `throwOnAppendFailure: false` reports conflicts as `success: false` with an
      // unreliable revision (wrong on the BatchAppend path); an empty or idempotent append may
      // come without a position. The stream itself says where it stands.
      const last = await lastOf(stream);
      const current = last === undefined ? -1 : Number(last.revision);
      if (!result.success) {
        return E.left({
          code: 'WRONG_EXPECTED_REVISION',
          stream,
          expected,
          actual: current < 0 ? 'no-stream' : current,
        });
      }
      const nextRevision = events.length === 0 ? current : Number(result.nextExpectedRevision);
      const position = result.position ?? last?.position;
      return E.right({
        nextRevision,
        position:
          position === undefined ? formatPosition({ commit: 0n, prepare: 0n }) : formatPosition(position),
        written: events.length === 0 ? 0 : events.length,
      });
    }
    const nextRevision = Number(result.nextExpectedRevision);
    // The server answers a retried (idempotent) append as a success without saying it wrote
    // nothing, so `written` is an upper bound: the events the append's revisions account for.
    const written =
      typeof expected === 'number' ? nextRevision - expected : Math.min(events.length, nextRevision + 1);
    return E.right({ nextRevision, position: formatPosition(result.position), written });
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
    for await (const resolved of readPages(
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
    let from: EsdbPosition | 'start' = after ?? 'start';
    let remaining = readOptions.limit ?? Number.POSITIVE_INFINITY;
    let skip: EsdbPosition | undefined = after;
    while (remaining > 0) {
      const events = await page(seam.readAll({ direction: 'forwards', fromPosition: from, maxCount: batch }));
      for (const { event } of events) {
        const position = event?.position;
        if (event === undefined || position === undefined) continue;
        // Reading `$all` from a position includes it; ours is exclusive.
        if (skip !== undefined && position.commit === skip.commit && position.prepare === skip.prepare)
          continue;
        if (isSystemRecord(event)) continue;
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
    readStream,
    readAll,
    subscribe(subscribeOptions, handler) {
      const subscription = subscribeThroughClient(
        seam,
        subscribeOptions,
        handler,
        options.subscriptionRetry,
        batch,
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
