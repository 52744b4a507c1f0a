import type { ClientRecordedEvent, ProposedEvent } from './event-encoding.js';
import type { EsdbPosition } from './positions.js';

/** Which client package a seam drives. */
export type EventStoreDbClientKind = 'eventstore-db-client' | 'kurrentdb-client';

/** The expected stream state in the clients' own words. */
export type ClientExpected = 'any' | 'no_stream' | 'stream_exists' | bigint;

/** What both clients return from an append. */
export interface ClientAppendResult {
  readonly success: boolean;
  readonly nextExpectedRevision: bigint;
  readonly position?: EsdbPosition;
}

/** A read result of both clients; `event` is absent only for unresolvable links. */
export interface ClientResolvedEvent {
  readonly event?: ClientRecordedEvent;
}

/** What a server-side `$all` filter matches: stream-name or event-type prefixes, or an expression. */
export type ClientFilterExpression =
  | { readonly filterOn: 'streamName' | 'eventType'; readonly prefixes: string[] }
  | { readonly filterOn: 'streamName' | 'eventType'; readonly regex: string };

/** A server-side `$all` filter in the clients' shape, with the checkpoint callback. */
export type ClientFilter = ClientFilterExpression & {
  readonly checkpointInterval: number;
  checkpointReached(subscription: unknown, position: EsdbPosition): void | Promise<void>;
};

/**
 * A running `$all` subscription of both clients: an object-mode Node readable (a transform of
 * the gRPC stream) that calls the filter's `checkpointReached` in order with the events it
 * pushes. (It also emits `caughtUp`, from EventStoreDB 23.10 on; the adapter does not rely on it.)
 */
export interface ClientSubscription {
  read(): ClientResolvedEvent | null;
  readonly readableLength: number;
  on(event: 'readable' | 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeAllListeners(): unknown;
  unsubscribe(): Promise<void>;
}

/**
 * The thin seam between the adapter and the two client packages, which differ in how they
 * name the expected state (`expectedRevision` / `streamState`; both call it `expectedRevision`
 * for `tombstoneStream`), in the fields of a wrong-expected-version error (`actualVersion` /
 * `actualState`), and in what reads return (a Node readable / an async iterator over the Rust
 * bridge) — all of it hidden here.
 */
export interface ClientSeam {
  readonly kind: EventStoreDbClientKind;
  /** Appends, passing `deadlineMs` as the call's deadline (the classic Append's gRPC deadline, BatchAppend's server-side one). */
  append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ClientExpected,
    deadlineMs: number,
  ): Promise<ClientAppendResult>;
  /** Hard-deletes a stream (`tombstoneStream`): a `$streamDeleted` tombstone closes the name for good. */
  tombstone(
    stream: string,
    expected: ClientExpected,
    deadlineMs: number,
  ): Promise<{ position?: EsdbPosition }>;
  readStream(
    stream: string,
    options: {
      direction: 'forwards' | 'backwards';
      fromRevision: bigint | 'start' | 'end';
      maxCount: number;
    },
  ): AsyncIterable<ClientResolvedEvent>;
  readAll(options: {
    direction: 'forwards' | 'backwards';
    fromPosition: EsdbPosition | 'start' | 'end';
    maxCount: number;
  }): AsyncIterable<ClientResolvedEvent>;
  subscribeToAll(options: { fromPosition: EsdbPosition | 'start'; filter: ClientFilter }): ClientSubscription;
  /** The actual revision a wrong-expected-version error reports, or undefined when `error` is not one. */
  actualRevisionOf(error: unknown): bigint | 'no_stream' | undefined;
  dispose(): Promise<void>;
}
