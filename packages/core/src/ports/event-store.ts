import type { Either } from 'fp-ts/lib/Either.js';
import type { JsonObject, JsonValue } from '../json.js';

/**
 * What the writer expects of a stream: that it does not exist, that it does, nothing at all,
 * or that its last event has exactly this revision (0-based).
 */
export type ExpectedRevision = 'no-stream' | 'stream-exists' | 'any' | number;

/** An event as handed to a store: already encoded, hashed and chained by the core. */
export interface EventToAppend {
  /** Unique within its stream; derived from the command id, so a retried command has the same ids. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonObject;
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

/** Why an append wrote nothing, as data. */
export type AppendError = WrongExpectedRevision | AppendTooLarge;

/** Structural guard for {@link AppendError}. */
export function isAppendError(value: unknown): value is AppendError {
  if (typeof value !== 'object' || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return (
    (code === 'WRONG_EXPECTED_REVISION' || code === 'APPEND_TOO_LARGE') &&
    typeof (value as { stream?: unknown }).stream === 'string'
  );
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
 * the infrastructure are thrown. Streams are never edited.
 */
export interface EventStore {
  /**
   * True when `AppendSuccess.written` is exact (in memory, PostgreSQL): a writer then knows
   * from `written` alone whether its own copy of a retried command was stored. Otherwise
   * (EventStoreDB) it reads the stream's last event back to find out.
   */
  readonly reportsExactWrites?: boolean;
  append(
    stream: string,
    events: readonly EventToAppend[],
    options: { readonly expected: ExpectedRevision },
  ): Promise<Either<AppendError, AppendSuccess>>;
  /** One stream's events; an absent stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  /** Every stream's events in global (append) order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Catch up from a position, then deliver new events as they are appended. */
  subscribe(options: SubscribeOptions, handler: SubscriptionHandler): Subscription;
}
