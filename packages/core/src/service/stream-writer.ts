import * as E from 'fp-ts/lib/Either.js';
import { readHeader } from '../envelope/envelope-header.js';
import { GENESIS_HASH, sameHash } from '../envelope/event-hash.js';
import { deriveEventId, keyedEventId } from '../envelope/event-id.js';
import type { EventMeta } from '../envelope/inner-record.js';
import { sealEvent } from '../envelope/seal-event.js';
import type { JsonValue } from '../json.js';
import type { AppendError, AppendSuccess, EventStore, EventToAppend } from '../ports/event-store.js';
import { isStoreUnavailable } from '../ports/store-unavailable.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { PrivateStreamKind } from '../streams.js';
import { type Backoff, sleep } from './backoff.js';
import type { OpenKey } from './key-ring.js';
import { type LoadedStream, recordReceipt } from './loaded-stream.js';
import type { Receipt, StoredReceipt } from './receipt.js';

/** What a command decided to write to one stream. */
export interface Plan<Event> {
  readonly commandId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** A digest of the command's content: the same command id with another digest is refused. */
  readonly digest?: string;
  readonly catalogueVersion?: string;
  readonly events: readonly Event[];
  /** Private streams: the key and the stream kind (its padding); absent for public streams. */
  readonly privacy?: { readonly key: OpenKey; readonly kind: PrivateStreamKind };
}

type DomainEvent = { readonly type: string; readonly data: unknown };

/** One stream's part of a multi-stream write. */
export interface PlannedPart<State, Event extends DomainEvent> {
  readonly loaded: LoadedStream<State>;
  readonly plan: Plan<Event>;
  readonly evolve: (state: State, event: Event) => State;
}

/** Why an append of the writer's did not land. */
export type AppendOutcome<State> =
  | { readonly kind: 'appended'; readonly loaded: LoadedStream<State> }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'deleted'; readonly stream: string };

/** How the writer retries. */
export interface WriterOptions {
  readonly catalogueId: string;
  /** Attempts after meeting a concurrent writer. */
  readonly maxConflictRetries: number;
  /** Attempts after the store was unavailable. */
  readonly maxUnavailableRetries: number;
  readonly conflictBackoff: Backoff;
  readonly unavailableBackoff: Backoff;
}

/** Appends decided events to streams: seals, chains, appends at the loaded revision, retries. */
export interface StreamWriter {
  append<State, Event extends DomainEvent>(
    loaded: LoadedStream<State>,
    plan: Plan<Event>,
    evolve: (state: State, event: Event) => State,
  ): Promise<AppendOutcome<State>>;
  /** Appends to several streams at once, atomically where the store can. */
  appendAll(
    parts: readonly PlannedPart<unknown, DomainEvent>[],
  ): Promise<
    | { readonly kind: 'appended'; readonly loaded: readonly LoadedStream<unknown>[] }
    | { readonly kind: 'conflict' }
    | { readonly kind: 'deleted'; readonly stream: string }
  >;
  run<State, Event extends DomainEvent>(options: {
    readonly commandId: string;
    readonly digest?: string;
    readonly load: () => Promise<LoadedStream<State>>;
    readonly decide: (
      loaded: LoadedStream<State>,
    ) => E.Either<Refusal, Plan<Event>> | Promise<E.Either<Refusal, Plan<Event>>>;
    readonly evolve: (state: State, event: Event) => State;
    readonly remember?: (loaded: LoadedStream<State>) => void;
    /** The refusal when the stream turns out deleted (its detail shredded). */
    readonly deleted?: () => Refusal;
    /**
     * The stream the command writes to, when known before loading: commands for one stream
     * from this process then take turns instead of meeting as conflicts (other processes are
     * still met by the expected revision, and retried with backoff).
     */
    readonly lane?: string;
  }): Promise<E.Either<Refusal, Receipt>>;
  /** Retries an operation while the store is unavailable; the refusal when it stays so. */
  retryUnavailable<T>(operation: () => Promise<T>): Promise<E.Either<Refusal, T>>;
}

/** The receipt of a command already in a stream, or the refusal when its id was used for other content. */
export function previousOutcome(
  receipts: ReadonlyMap<string, StoredReceipt>,
  commandId: string,
  digest: string | undefined,
): E.Either<Refusal, Receipt> | undefined {
  const previous = receipts.get(commandId);
  if (previous === undefined) return undefined;
  if (previous.digest !== undefined && digest !== undefined && previous.digest !== digest)
    return E.left(refuse.commandIdReused());
  const { digest: _digest, ...receipt } = previous;
  return E.right(receipt);
}

/** A stream writer for one store and catalogue. */
export function createStreamWriter(store: EventStore, options: WriterOptions): StreamWriter {
  const endsWith = async (stream: string, hash: Uint8Array): Promise<boolean> => {
    for await (const last of store.readStream(stream, { direction: 'backwards', limit: 1 }))
      return sameHash(readHeader(last.metadata)?.hash, hash);
    return false;
  };

  const seal = <State, Event extends DomainEvent>(loaded: LoadedStream<State>, plan: Plan<Event>) => {
    const { stream } = loaded;
    let prev = loaded.link?.hash ?? GENESIS_HASH;
    let revision = loaded.link === undefined ? -1 : loaded.link.revision;
    const privacy = plan.privacy === undefined ? undefined : plan.privacy.key.privacy(plan.privacy.kind);
    const meta: EventMeta = {
      commandId: plan.commandId,
      ...(plan.correlationId === undefined ? {} : { correlationId: plan.correlationId }),
      ...(plan.causationId === undefined ? {} : { causationId: plan.causationId }),
      ...(plan.privacy === undefined ? { catalogueId: options.catalogueId } : {}),
      ...(plan.catalogueVersion === undefined ? {} : { catalogueVersion: plan.catalogueVersion }),
      ...(plan.digest === undefined ? {} : { digest: plan.digest }),
    };
    const events: EventToAppend[] = plan.events.map((event, index) => {
      revision += 1;
      const id =
        plan.privacy === undefined
          ? deriveEventId(plan.commandId, stream, index)
          : keyedEventId(plan.privacy.key.naming, plan.commandId, index);
      const sealed = sealEvent(
        stream,
        revision,
        prev,
        { id, type: event.type, data: event.data as JsonValue, meta },
        privacy,
      );
      prev = sealed.hash;
      return sealed.event;
    });
    return { events, revision, prev };
  };

  const landed = async <State, Event extends DomainEvent>(
    loaded: LoadedStream<State>,
    plan: Plan<Event>,
    evolve: (state: State, event: Event) => State,
    sealed: ReturnType<typeof seal>,
    result: AppendSuccess,
  ): Promise<LoadedStream<State> | undefined> => {
    // Another writer may have stored the same command's events first (same ids, other
    // ciphertext): then the store took this append as a retry and kept *its* copy, and this
    // writer's chain is not the stream's. Reload rather than build on a hash never stored.
    if (result.nextRevision !== sealed.revision || result.written < sealed.events.length) return undefined;
    if (store.reportsExactWrites !== true && !(await endsWith(loaded.stream, sealed.prev))) return undefined;
    let state = loaded.state;
    const receipts = loaded.receipts as Map<string, StoredReceipt>;
    const firstRevision = (loaded.link?.revision ?? -1) + 1;
    sealed.events.forEach((event, index) => {
      const domainEvent = plan.events[index];
      if (domainEvent !== undefined) state = evolve(state, domainEvent);
      recordReceipt(receipts, loaded.stream, plan.commandId, plan.digest, event.id, firstRevision + index);
    });
    return { stream: loaded.stream, state, link: { revision: sealed.revision, hash: sealed.prev }, receipts };
  };

  const failed = (error: AppendError): { kind: 'conflict' } | { kind: 'deleted'; stream: string } => {
    if (error.code === 'WRONG_EXPECTED_REVISION') return { kind: 'conflict' };
    if (error.code === 'STREAM_DELETED') return { kind: 'deleted', stream: error.stream };
    throw new Error(`append to ${error.stream} refused by the store: ${error.code}`);
  };

  const append: StreamWriter['append'] = async (loaded, plan, evolve) => {
    const sealed = seal(loaded, plan);
    const expected = loaded.link === undefined ? 'no-stream' : loaded.link.revision;
    const result = await store.append(loaded.stream, sealed.events, { expected });
    if (E.isLeft(result)) return failed(result.left);
    const next = await landed(loaded, plan, evolve, sealed, result.right);
    return next === undefined ? { kind: 'conflict' } : { kind: 'appended', loaded: next };
  };

  const appendAll: StreamWriter['appendAll'] = async (parts) => {
    const sealed = parts.map((part) => seal(part.loaded, part.plan));
    const result = await store.appendBatch(
      parts.map((part, index) => ({
        stream: part.loaded.stream,
        events: (sealed[index] as ReturnType<typeof seal>).events,
        expected: part.loaded.link === undefined ? 'no-stream' : part.loaded.link.revision,
      })),
    );
    if (E.isLeft(result)) return failed(result.left);
    const next: LoadedStream<unknown>[] = [];
    for (const [index, part] of parts.entries()) {
      const loaded = await landed(
        part.loaded,
        part.plan,
        part.evolve,
        sealed[index] as ReturnType<typeof seal>,
        result.right[index] as AppendSuccess,
      );
      if (loaded === undefined) return { kind: 'conflict' };
      next.push(loaded);
    }
    return { kind: 'appended', loaded: next };
  };

  const retryUnavailable: StreamWriter['retryUnavailable'] = async (operation) => {
    let outcome: 'not-written' | 'unknown' = 'not-written';
    for (let attempt = 0; ; attempt += 1) {
      try {
        return E.right(await operation());
      } catch (error) {
        if (!isStoreUnavailable(error)) throw error;
        if (error.outcome === 'unknown') outcome = 'unknown';
        if (attempt >= options.maxUnavailableRetries) return E.left(refuse.storeUnavailable(outcome));
        await sleep(options.unavailableBackoff.delay(attempt + 1));
      }
    }
  };

  // One queue per stream this process writes to: the tail of each, dropped once it drains.
  const lanes = new Map<string, Promise<unknown>>();
  const inLane = <T>(lane: string | undefined, work: () => Promise<T>): Promise<T> => {
    if (lane === undefined) return work();
    const previous = lanes.get(lane) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    lanes.set(lane, tail);
    void tail.then(() => {
      if (lanes.get(lane) === tail) lanes.delete(lane);
    });
    return next;
  };

  const run: StreamWriter['run'] = (options) => inLane(options.lane, () => runNow(options));

  const runNow: StreamWriter['run'] = async ({
    commandId,
    digest,
    load,
    decide,
    evolve,
    remember,
    deleted,
  }) =>
    E.flatten(
      await retryUnavailable(async (): Promise<E.Either<Refusal, Receipt>> => {
        let stream = '';
        for (let attempt = 0; attempt <= options.maxConflictRetries; attempt += 1) {
          if (attempt > 0) await sleep(options.conflictBackoff.delay(attempt));
          const loaded = await load();
          stream = loaded.stream;
          const previous = previousOutcome(loaded.receipts, commandId, digest);
          if (previous !== undefined) return previous;
          const decision = await decide(loaded);
          if (E.isLeft(decision)) return decision;
          if (decision.right.events.length === 0) {
            return E.right({ commandId, stream, eventIds: [], revision: loaded.link?.revision ?? -1 });
          }
          const appended = await append(loaded, decision.right, evolve);
          if (appended.kind === 'deleted') {
            if (deleted === undefined)
              throw new Error(`stream ${appended.stream} was deleted under a writer`);
            return E.left(deleted());
          }
          if (appended.kind === 'appended') {
            remember?.(appended.loaded);
            const receipt = previousOutcome(appended.loaded.receipts, commandId, digest);
            if (receipt !== undefined) return receipt;
          }
        }
        return E.left(refuse.concurrencyConflict(stream));
      }),
    );

  return { append, appendAll, run, retryUnavailable };
}
