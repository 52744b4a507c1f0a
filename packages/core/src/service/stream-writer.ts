import * as E from 'fp-ts/lib/Either.js';
import { chainEvent, GENESIS_HASH } from '../envelope/envelope.js';
import type { EventCodec } from '../envelope/event-codec.js';
import { deriveEventId } from '../envelope/event-id.js';
import type { JsonValue } from '../json.js';
import type { EventStore } from '../ports/event-store.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { LoadedStream } from './loaded-stream.js';
import { recordReceipt } from './loaded-stream.js';
import type { Receipt } from './receipt.js';

/** How one decided event is stored: its codec and, when encrypted, the id of its key. */
export interface Storage {
  readonly codec: EventCodec;
  readonly keyId?: string;
}

/** What a command decided to write to one stream. */
export interface Plan<Event> {
  readonly commandId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly events: readonly Event[];
  readonly catalogueVersion?: string;
  /** How each event is stored (plain, or encrypted under a period's or a series' key). */
  readonly storage: (event: Event) => Storage;
}

type DomainEvent = { readonly type: string; readonly data: unknown };

/** Appends decided events to streams: encodes, chains, appends at the loaded revision, retries conflicts. */
export interface StreamWriter {
  append<State, Event extends DomainEvent>(
    loaded: LoadedStream<State>,
    plan: Plan<Event>,
    evolve: (state: State, event: Event) => State,
  ): Promise<LoadedStream<State> | undefined>;
  run<State, Event extends DomainEvent>(options: {
    readonly commandId: string;
    readonly load: () => Promise<LoadedStream<State>>;
    readonly decide: (
      loaded: LoadedStream<State>,
    ) => E.Either<Refusal, Plan<Event>> | Promise<E.Either<Refusal, Plan<Event>>>;
    readonly evolve: (state: State, event: Event) => State;
    readonly remember?: (loaded: LoadedStream<State>) => void;
  }): Promise<E.Either<Refusal, Receipt>>;
}

/** A stream writer for one store and catalogue. */
export function createStreamWriter(store: EventStore, catalogueId: string, maxRetries: number): StreamWriter {
  const endsWith = async (stream: string, hash: string): Promise<boolean> => {
    for await (const last of store.readStream(stream, { direction: 'backwards', limit: 1 }))
      return last.metadata.hash === hash;
    return false;
  };

  const append: StreamWriter['append'] = async (loaded, plan, evolve) => {
    const { stream } = loaded;
    let prev = loaded.link?.hash ?? GENESIS_HASH;
    let revision = loaded.link === undefined ? -1 : loaded.link.revision;
    const toAppend = plan.events.map((event, index) => {
      revision += 1;
      const id = deriveEventId(plan.commandId, stream, index);
      const { codec, keyId } = plan.storage(event);
      const data = codec.encode(event.data as JsonValue, { stream, eventId: id, type: event.type });
      const chained = chainEvent(stream, revision, prev, {
        id,
        type: event.type,
        data,
        metadata: {
          commandId: plan.commandId,
          correlationId: plan.correlationId ?? plan.commandId,
          causationId: plan.causationId ?? plan.commandId,
          codec: codec.name,
          catalogueId,
          ...(plan.catalogueVersion === undefined ? {} : { catalogueVersion: plan.catalogueVersion }),
          ...(keyId === undefined ? {} : { keyId }),
        },
      });
      prev = chained.metadata.hash;
      return chained;
    });
    const expected = loaded.link === undefined ? 'no-stream' : loaded.link.revision;
    const result = await store.append(stream, toAppend, { expected });
    if (E.isLeft(result)) {
      if (result.left.code === 'WRONG_EXPECTED_REVISION') return undefined;
      throw new Error(`append to ${stream} refused by the store: ${result.left.code}`);
    }
    // Another writer may have stored the same command's events first (same deterministic ids,
    // other ciphertext): then the store accepted this append as a retry and kept *its* copy, and
    // this writer's chain is not the stream's. Reload rather than build on a hash never stored.
    if (result.right.nextRevision !== revision || result.right.written < toAppend.length) return undefined;
    if (store.reportsExactWrites !== true && !(await endsWith(stream, prev))) return undefined;
    let state = loaded.state;
    const receipts = loaded.receipts as Map<string, Receipt>;
    const firstRevision = (loaded.link?.revision ?? -1) + 1;
    toAppend.forEach((event, index) => {
      const domainEvent = plan.events[index];
      if (domainEvent !== undefined) state = evolve(state, domainEvent);
      recordReceipt(receipts, stream, plan.commandId, event.id, firstRevision + index);
    });
    return { stream, state, link: { revision, hash: prev }, receipts };
  };

  const run: StreamWriter['run'] = async ({ commandId, load, decide, evolve, remember }) => {
    let stream = '';
    for (let attempt = 0; attempt <= maxRetries; attempt += 1) {
      const loaded = await load();
      stream = loaded.stream;
      const previous = loaded.receipts.get(commandId);
      if (previous !== undefined) return E.right(previous);
      const decision = await decide(loaded);
      if (E.isLeft(decision)) return decision;
      if (decision.right.events.length === 0) {
        return E.right({ commandId, stream, eventIds: [], revision: loaded.link?.revision ?? -1 });
      }
      const appended = await append(loaded, decision.right, evolve);
      if (appended !== undefined) {
        remember?.(appended);
        const receipt = appended.receipts.get(commandId);
        if (receipt !== undefined) return E.right(receipt);
      }
    }
    return E.left(refuse.concurrencyConflict(stream));
  };

  return { append, run };
}
