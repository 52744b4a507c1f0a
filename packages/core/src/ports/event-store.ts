import type { Either } from 'fp-ts/lib/Either.js';

/**
 * What the writer expects of a stream: that it does not exist, that it does, nothing at all,
 * or that its last event has exactly this revision (0-based).
 */
export type ExpectedRevision = 'no-stream' | 'stream-exists' | 'any' | number;

/**
 * An event as handed to a store: already encoded, hashed and chained by the core. A store
 * keeps the bytes exactly as given and interprets none of them: `data` is the payload (JSON
 * text for events kept in clear, ciphertext for private ones) and `metadata` the envelope's
 * clear header (codec and chain hash). Both are read-only once handed over.
 */
export interface EventToAppend {
  /**
   * A UUID, unique within its stream; derived from the command id (keyed for private
   * streams), so a retried command has the same ids and the store de-duplicates it.
   */
  readonly id: string;
  /** The event's type in clear (`Encrypted` for events whose real type is private). */
  readonly type: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** An event as a store returns it. */
export interface RecordedEvent extends EventToAppend {
  readonly stream: string;
  /** 0-based position in its stream. */
  readonly revision: number;
  /** The store's global position, opaque and serialisable; compare only through the same store. */
  readonly position: string;
}

/** A successful append. */
export interface AppendSuccess {
  /** The revision of the stream's last event after the append. */
  readonly nextRevision: number;
  /** The global position of the stream's last event after the append. */
  readonly position: string;
  /**
   * How many events were written; fewer than given when some ids were already in the stream.
   * Stores that cannot tell exactly report an upper bound: EventStoreDB / KurrentDB answer a
   * retried (idempotent) append as a success without saying that it wrote nothing, so there
   * `written` may count events that were already stored; portable code does not rely on it to
   * tell a retry from a first write.
   */
  readonly written: number;
}

/** The stream was not at the expected revision: nothing was written. */
export interface WrongExpectedRevision {
  readonly code: 'WRONG_EXPECTED_REVISION';
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly actual: number | 'no-stream';
}

/** The events are larger than the store accepts in one append: nothing was written. */
export interface AppendTooLarge {
  readonly code: 'APPEND_TOO_LARGE';
  readonly stream: string;
  readonly size: number;
  readonly limit: number;
}

/** The stream was deleted (its detail shredded): nothing is ever appended to it again. */
export interface StreamDeleted {
  readonly code: 'STREAM_DELETED';
  readonly stream: string;
}

/** Why an append wrote nothing, as data. */
export type AppendError = WrongExpectedRevision | AppendTooLarge | StreamDeleted;

const APPEND_ERROR_CODES: ReadonlySet<unknown> = new Set([
  'WRONG_EXPECTED_REVISION',
  'APPEND_TOO_LARGE',
  'STREAM_DELETED',
]);

/** Structural guard for {@link AppendError}. */
export function isAppendError(value: unknown): value is AppendError {
  if (typeof value !== 'object' || value === null) return false;
  return (
    APPEND_ERROR_CODES.has((value as { code?: unknown }).code) &&
    typeof (value as { stream?: unknown }).stream === 'string'
  );
}

/** One stream's part of an atomic {@link EventStore.appendBatch}. */
export interface StreamAppend {
  readonly stream: string;
  readonly events: readonly EventToAppend[];
  readonly expected: ExpectedRevision;
}

/** What deleting streams did. */
export interface StreamDeletion {
  /** How many events were removed (0 for streams absent or deleted already). */
  readonly removed: number;
  /**
   * How far the removal reaches: `physical` when the bytes are gone from the store when this
   * returns, `logical` when the store hides them at once and removes them later (EventStoreDB
   * until a scavenge; PostgreSQL until its vacuum completes — each adapter documents which).
   */
  readonly extent: 'physical' | 'logical';
}

/** Options for reading one stream. */
export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** The first revision to return (inclusive); defaults to the start (or the end, backwards). */
  readonly fromRevision?: number;
  readonly limit?: number;
}

/** Options for reading the whole log in global order. */
export interface ReadAllOptions {
  /** Return events after this position (exclusive); from the very start when absent. */
  readonly after?: string;
  readonly limit?: number;
}

/** Which events a subscription delivers. */
export interface SubscriptionFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

/** Options for a subscription to the whole log. */
export interface SubscribeOptions {
  /** Resume after this position (exclusive), e.g. a stored checkpoint; from the start when absent. */
  readonly after?: string;
  readonly filter?: SubscriptionFilter;
}

/** Callbacks a subscription drives, one event at a time, in global order. */
export interface SubscriptionHandler {
  onEvent(event: RecordedEvent): void | Promise<void>;
  /** Called each time the subscription has delivered everything stored so far. */
  onCaughtUp?(position: string | undefined): void;
  /** An error from the handler or the store; the subscription stops. */
  onError?(error: unknown): void;
}

/** A running subscription. */
export interface Subscription {
  /**
   * Resolves the first time the subscription has caught up with the log: every event stored
   * when it caught up has been handled (an async `onEvent` included).
   *
   * EventStoreDB sends its caught-up signal on subscriptions only from 23.10 (every KurrentDB
   * sends it), so the EventStoreDB adapter does not rely on it: each (re)connection first
   * catches up by reading `$all` page by page, which every server version serves, and counts
   * as caught up once a page comes back short and every event read has been handled; then it
   * goes live on the server's subscription from there. Against older servers `caughtUp`
   * therefore resolves just as it does against new ones.
   */
  readonly caughtUp: Promise<void>;
  /** Resolves once the subscription has stopped and no handler call is running. */
  close(): Promise<void>;
}

/**
 * The storage port: an append-only log of streams. Conflicts come back as data; faults of
 * the infrastructure are thrown (a lost or stalled connection as a {@link StoreUnavailable}).
 * Events are never edited; the only removal is {@link EventStore.deleteStreams}, used for the
 * shredded detail of sealed periods and closed series.
 */
export interface EventStore {
  /**
   * True when `AppendSuccess.written` is exact (in memory, PostgreSQL): a writer then knows
   * from `written` alone whether its own copy of a retried command was stored. Otherwise
   * (EventStoreDB) it reads the stream's last event back to find out.
   */
  readonly reportsExactWrites?: boolean;
  /**
   * Optional: runs `body` while no other writer calling `exclusive` for the same stream runs —
   * in this process or in any other sharing the store (PostgreSQL: an advisory lock). The
   * command path wraps each read–decide–append of a tally sheet in it, so writers in several
   * processes take turns on a hot sheet instead of colliding and retrying. Correctness never
   * depends on it: the expected revision still decides every append.
   */
  exclusive?<T>(stream: string, body: () => Promise<T>): Promise<T>;
  append(
    stream: string,
    events: readonly EventToAppend[],
    options: { readonly expected: ExpectedRevision },
  ): Promise<Either<AppendError, AppendSuccess>>;
  /**
   * Appends to several streams atomically where the store can (one transaction): either every
   * part is written or none is, and the first part that cannot be written is the error.
   * Idempotent by event id per stream, as `append`. Stores without multi-stream transactions
   * document how close they come (EventStoreDB: a resumable, idempotent plan). Each stream is
   * named by one part at most: a batch naming one twice throws a `TypeError`, nothing written
   * (see `requireStreamsNamedOnce`).
   */
  appendBatch(parts: readonly StreamAppend[]): Promise<Either<AppendError, readonly AppendSuccess[]>>;
  /**
   * Removes every event of some streams (a sealed period's detail, a closed series) in one
   * operation, so a store that must compact its files after deleting does it once: afterwards
   * `readStream` is empty, `readAll` and subscriptions never return their events, and an
   * append to one is refused with `STREAM_DELETED` (the names are kept as tombstones, so a
   * stale writer cannot revive them). Deleting absent or deleted streams is not an error.
   * Events already read may be views of the store's own bytes (store-memory hands out views, and
   * wipes a deleted stream's bytes in place): a reader that keeps an event's `data` or
   * `metadata` across an await that may delete its stream copies them first, as core's verified
   * reads do, or it opens zeros.
   */
  deleteStreams(streams: readonly string[]): Promise<StreamDeletion>;
  /** One stream's events; an absent stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** Every stream's events in global (append) order — each stream's in revision order, however appends interleaved. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /**
   * Optional: the same events as `readAll`, in the same order, a page (an array) at a time —
   * a replay then pays one promise per page, not per event. Use `readAllInPages`, which falls
   * back to `readAll` for stores without it.
   */
  readAllPages?(options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]>;
  /** Catch up from a position, then deliver new events as they are appended. */
  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;
}
