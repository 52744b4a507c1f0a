import * as E from 'fp-ts/lib/Either.js';
import { isPaddedSizeExceeded } from '../envelope/padding.js';
import type { EventStore, EventToAppend } from '../ports/event-store.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { LoadedStream } from './loaded-stream.js';
import { previousOutcome } from './previous-outcome.js';
import type { Receipt } from './receipt.js';
import { type SealedPlan, sealPlan } from './seal-plan.js';
import { streamEndsWith } from './stream-ends-with.js';
import { isStreamDeletedUnderRead } from './verified-read.js';
import type { DomainEvent, Plan, WriterCommand } from './writer-command.js';

/** What one attempt at a batch came to. */
export type BatchAttempt =
  | { readonly kind: 'done'; readonly outcomes: readonly E.Either<Refusal, Receipt>[] }
  | { readonly kind: 'conflict'; readonly stream: string }
  | {
      readonly kind: 'deleted';
      readonly stream: string;
      /** The answers of the commands that wrote nothing (a receipt, a refusal), by index. */
      readonly outcomes: readonly (E.Either<Refusal, Receipt> | undefined)[];
    };

type AnyCommand = WriterCommand<unknown, DomainEvent>;

interface Decided {
  readonly index: number;
  readonly command: AnyCommand;
  readonly plan: Plan<DomainEvent>;
  readonly sealed: SealedPlan;
  readonly firstRevision: number;
}

/**
 * One attempt at a batch of commands on one stream: loads it once, decides each command in
 * order on the state the ones before it left (a refusal affects only its own command), seals
 * and chains every decided event, and appends them all in one append at the revision loaded.
 * A conflict — or a store that kept another writer's copy of a retried command — means the
 * whole batch is tried again from a fresh load.
 */
export async function decideBatch(
  store: EventStore,
  catalogueId: string,
  commands: readonly AnyCommand[],
): Promise<BatchAttempt> {
  const base = await (commands[0] as AnyCommand).load();
  let current: LoadedStream<unknown> = base;
  const outcomes: E.Either<Refusal, Receipt>[] = [];
  const decided: Decided[] = [];
  const events: EventToAppend[] = [];
  for (const [index, command] of commands.entries()) {
    const here = index === 0 ? base : continued(command, current);
    let previous: E.Either<Refusal, Receipt> | undefined;
    let decision: E.Either<Refusal, Plan<DomainEvent>>;
    try {
      const found = previousOutcome(here.receipts, command.commandId, command.digest);
      previous = found instanceof Promise ? await found : found;
      if (previous !== undefined) {
        outcomes[index] = previous;
        continue;
      }
      decision = await command.decide(here);
    } catch (error) {
      // A retry or a void read the stream back and found it deleted (its month sealed).
      if (isStreamDeletedUnderRead(error)) return { kind: 'deleted', stream: here.stream, outcomes };
      throw error;
    }
    if (E.isLeft(decision)) {
      outcomes[index] = decision;
      continue;
    }
    const plan = decision.right;
    if (plan.events.length === 0) {
      outcomes[index] = E.right({
        commandId: command.commandId,
        stream: here.stream,
        eventIds: [],
        revision: here.link?.revision ?? -1,
      });
      continue;
    }
    let sealed: SealedPlan | undefined;
    try {
      sealed = sealPlan(here, plan, catalogueId);
    } catch (error) {
      if (!isPaddedSizeExceeded(error)) throw error;
      outcomes[index] = E.left(refuse.eventTooLarge());
      continue;
    }
    // Its key forgotten meanwhile: the stream is sealed or closed, as if it were deleted.
    if (sealed === undefined) return { kind: 'deleted', stream: here.stream, outcomes };
    const firstRevision = (here.link?.revision ?? -1) + 1;
    const state = plan.events.reduce((folding, event) => command.evolve(folding, event), here.state);
    current = { ...here, state, link: { revision: sealed.revision, hash: sealed.prev } };
    decided.push({ index, command, plan, sealed, firstRevision });
    events.push(...sealed.events);
  }
  if (decided.length === 0) return { kind: 'done', outcomes };
  // Only a catalogue's adoption has one: no await (a microtask) for every tally.
  for (const { command, sealed, firstRevision } of decided)
    if (command.beforeAppend !== undefined) await command.beforeAppend(sealed.hashes, firstRevision);

  const result = await store.append(base.stream, events, {
    expected: base.link === undefined ? 'no-stream' : base.link.revision,
  });
  if (E.isLeft(result)) {
    const error = result.left;
    if (error.code === 'WRONG_EXPECTED_REVISION') return { kind: 'conflict', stream: base.stream };
    // Commands that had nothing to write are answered as alone; only the others met the deletion.
    if (error.code === 'STREAM_DELETED') return { kind: 'deleted', stream: error.stream, outcomes };
    throw new Error(`append to ${error.stream} refused by the store: ${error.code}`);
  }
  const link = current.link as NonNullable<LoadedStream<unknown>['link']>;
  // Another writer may have stored the same command's events first (same ids, other
  // ciphertext): then the store took this append as a retry and kept *its* copy, and this
  // writer's chain is not the stream's. Reload rather than build on a hash never stored.
  if (result.right.nextRevision !== link.revision || result.right.written < events.length)
    return { kind: 'conflict', stream: base.stream };
  if (store.reportsExactWrites !== true && !(await streamEndsWith(store, base.stream, link.hash)))
    return { kind: 'conflict', stream: base.stream };

  const { receipts } = base;
  for (const { plan, sealed, firstRevision } of decided)
    sealed.events.forEach((event, offset) => {
      receipts.record(
        plan.commandId,
        plan.digest,
        event.id,
        firstRevision + offset,
        sealed.hashes[offset] as Uint8Array,
      );
    });
  const landed: LoadedStream<unknown> = { stream: base.stream, state: current.state, link, receipts };
  for (const remember of new Set(decided.map(({ command }) => command.remember))) remember?.(landed);
  for (const { index, command, sealed, firstRevision } of decided)
    outcomes[index] = E.right({
      commandId: command.commandId,
      stream: base.stream,
      eventIds: sealed.events.map((event) => event.id),
      revision: firstRevision + sealed.events.length - 1,
    });
  return { kind: 'done', outcomes };
}

/** A later command's view of the stream as the batch has decided it so far. */
function continued(command: AnyCommand, current: LoadedStream<unknown>): LoadedStream<unknown> {
  if (command.continueFrom === undefined)
    throw new Error(`command ${command.commandId} cannot follow another in a batch (no continueFrom)`);
  const view = command.continueFrom(current);
  if (view.link !== current.link || view.receipts !== current.receipts)
    throw new Error(`continueFrom of command ${command.commandId} changed the stream's link or receipts`);
  return view;
}
