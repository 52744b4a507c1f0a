import * as E from 'fp-ts/lib/Either.js';
import type { AppendError, AppendSuccess, EventStore } from '../ports/event-store.js';
import { isStoreUnavailable } from '../ports/store-unavailable.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { type Backoff, sleep } from './backoff.js';
import { createBatchingLanes } from './batching-lanes.js';
import { type BatchAttempt, decideBatch } from './decide-batch.js';
import type { LoadedStream } from './loaded-stream.js';
import type { Receipt } from './receipt.js';
import type { ReceiptBook } from './receipt-book.js';
import { type SealedPlan, sealPlan } from './seal-plan.js';
import { streamEndsWith } from './stream-ends-with.js';
import type { DomainEvent, Plan, WriterCommand } from './writer-command.js';

export { previousOutcome } from './previous-outcome.js';
export type { DomainEvent, Plan, WriterCommand } from './writer-command.js';

/** The most commands decided together and appended in one append. */
const MAX_BATCH = 32;

/** One stream's part of a multi-stream write. */
export interface PlannedPart<State, Event extends DomainEvent> {
  readonly loaded: LoadedStream<State>;
  readonly plan: Plan<Event>;
  readonly evolve: (state: State, event: Event) => State;
}

/** Why an append of the writer's did not land. */
export type AppendOutcome<State, Book extends ReceiptBook = ReceiptBook> =
  | { readonly kind: 'appended'; readonly loaded: LoadedStream<State, Book> }
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
  append<State, Event extends DomainEvent, Book extends ReceiptBook>(
    loaded: LoadedStream<State, Book>,
    plan: Plan<Event>,
    evolve: (state: State, event: Event) => State,
  ): Promise<AppendOutcome<State, Book>>;
  /** Appends to several streams at once, atomically where the store can. */
  appendAll(
    parts: readonly PlannedPart<unknown, DomainEvent>[],
  ): Promise<
    | { readonly kind: 'appended'; readonly loaded: readonly LoadedStream<unknown>[] }
    | { readonly kind: 'conflict' }
    | { readonly kind: 'deleted'; readonly stream: string }
  >;
  /** Runs a command: load, decide, append, retry (see {@link WriterCommand}). */
  run<State, Event extends DomainEvent, Book extends ReceiptBook>(
    command: WriterCommand<State, Event, Book>,
  ): Promise<E.Either<Refusal, Receipt>>;
  /** Retries an operation while the store is unavailable; the refusal when it stays so. */
  retryUnavailable<T>(operation: () => Promise<T>): Promise<E.Either<Refusal, T>>;
}

/** A stream writer for one store and catalogue. */
export function createStreamWriter(store: EventStore, options: WriterOptions): StreamWriter {
  const seal = <State, Event extends DomainEvent>(loaded: LoadedStream<State>, plan: Plan<Event>) =>
    sealPlan(loaded, plan, options.catalogueId);

  const landed = async <State, Event extends DomainEvent, Book extends ReceiptBook>(
    loaded: LoadedStream<State, Book>,
    plan: Plan<Event>,
    evolve: (state: State, event: Event) => State,
    sealed: SealedPlan,
    result: AppendSuccess,
  ): Promise<LoadedStream<State, Book> | undefined> => {
    // Another writer may have stored the same command's events first (same ids, other
    // ciphertext): then the store took this append as a retry and kept *its* copy, and this
    // writer's chain is not the stream's. Reload rather than build on a hash never stored.
    if (result.nextRevision !== sealed.revision || result.written < sealed.events.length) return undefined;
    if (store.reportsExactWrites !== true && !(await streamEndsWith(store, loaded.stream, sealed.prev)))
      return undefined;
    let state = loaded.state;
    const { receipts } = loaded;
    const firstRevision = (loaded.link?.revision ?? -1) + 1;
    sealed.events.forEach((event, index) => {
      const domainEvent = plan.events[index];
      if (domainEvent !== undefined) state = evolve(state, domainEvent);
      receipts.record(
        plan.commandId,
        plan.digest,
        event.id,
        firstRevision + index,
        sealed.hashes[index] as Uint8Array,
      );
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
    // Its key forgotten meanwhile: the stream is sealed or closed, as if it were deleted.
    if (sealed === undefined) return { kind: 'deleted', stream: loaded.stream };
    const expected = loaded.link === undefined ? 'no-stream' : loaded.link.revision;
    const result = await store.append(loaded.stream, sealed.events, { expected });
    if (E.isLeft(result)) return failed(result.left);
    const next = await landed(loaded, plan, evolve, sealed, result.right);
    return next === undefined ? { kind: 'conflict' } : { kind: 'appended', loaded: next };
  };

  const appendAll: StreamWriter['appendAll'] = async (parts) => {
    const sealed: SealedPlan[] = [];
    for (const part of parts) {
      const one = seal(part.loaded, part.plan);
      if (one === undefined) return { kind: 'deleted', stream: part.loaded.stream };
      sealed.push(one);
    }
    const result = await store.appendBatch(
      parts.map((part, index) => ({
        stream: part.loaded.stream,
        events: (sealed[index] as SealedPlan).events,
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
        sealed[index] as SealedPlan,
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

  type AnyCommand = WriterCommand<unknown, DomainEvent>;
  type Outcome = E.Either<Refusal, Receipt>;

  // Commands of one batch share a stream and an append; a command id twice in one append
  // would make its second receipt ambiguous, so a repeated id waits for the next batch.
  const fits = (batch: readonly AnyCommand[], next: AnyCommand): boolean =>
    batch.length < MAX_BATCH &&
    next.continueFrom !== undefined &&
    batch.every((command) => command.commandId !== next.commandId);

  // A batch is taken from the lane's queue when its turn on the stream is granted, so every
  // command that queued while this process waited for the turn joins it.
  const attempt = (lane: string | undefined, take: () => readonly AnyCommand[]): Promise<BatchAttempt> => {
    const body = () => decideBatch(store, options.catalogueId, take());
    return lane !== undefined && store.exclusive !== undefined ? store.exclusive(lane, body) : body();
  };

  const runBatch = async (
    lane: string | undefined,
    take: () => readonly AnyCommand[],
  ): Promise<readonly Outcome[]> => {
    const result = await retryUnavailable(async (): Promise<readonly Outcome[]> => {
      let stream = '';
      for (let tries = 0; tries <= options.maxConflictRetries; tries += 1) {
        if (tries > 0) await sleep(options.conflictBackoff.delay(tries));
        const outcome = await attempt(lane, take);
        if (outcome.kind === 'done') return outcome.outcomes;
        if (outcome.kind === 'deleted') {
          return take().map((command, index) => {
            const answered = outcome.outcomes[index];
            if (answered !== undefined) return answered;
            if (command.deleted === undefined)
              throw new Error(`stream ${outcome.stream} was deleted under a writer`);
            return E.left(command.deleted());
          });
        }
        stream = outcome.stream;
      }
      return take().map(() => E.left(refuse.concurrencyConflict(stream)));
    });
    return E.isLeft(result) ? take().map(() => result) : result.right;
  };

  const lanes = createBatchingLanes(runBatch, fits);

  const run: StreamWriter['run'] = async (command) => {
    const anyCommand = command as unknown as AnyCommand;
    if (command.lane === undefined) return (await runBatch(undefined, () => [anyCommand]))[0] as Outcome;
    return lanes(command.lane, anyCommand);
  };

  return { append, appendAll, run, retryUnavailable };
}
