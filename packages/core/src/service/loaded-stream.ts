import { type ChainLink, checkLink } from '../envelope/chain-verifier.js';
import type { JsonValue } from '../json.js';
import type { EventStore, RecordedEvent } from '../ports/event-store.js';
import { IntegrityError } from './integrity-error.js';
import type { Receipt } from './receipt.js';

/** A stream folded into a decider's state, with what the service needs to append to it. */
export interface LoadedStream<State> {
  readonly stream: string;
  readonly state: State;
  /** The last verified event, `undefined` while the stream does not exist. */
  readonly link: ChainLink | undefined;
  /** Receipts of the commands already in the stream, by command id (idempotency). */
  readonly receipts: ReadonlyMap<string, Receipt>;
}

/** An empty stream. */
export function emptyStream<State>(stream: string, state: State): LoadedStream<State> {
  return { stream, state, link: undefined, receipts: new Map() };
}

/** Adds an event's id to its command's receipt. */
export function recordReceipt(
  receipts: Map<string, Receipt>,
  stream: string,
  commandId: string,
  eventId: string,
  revision: number,
): void {
  const receipt = receipts.get(commandId);
  receipts.set(commandId, {
    commandId,
    stream,
    eventIds: [...(receipt?.eventIds ?? []), eventId],
    revision,
  });
}

/** Turns a recorded event's stored data back into its domain data; `undefined` when its key is gone. */
export type DecodeEvent = (recorded: RecordedEvent) => JsonValue | undefined;

/** Data stored in clear. */
export const decodePlain: DecodeEvent = (recorded) => recorded.data;

/**
 * Reads what was appended to a stream since it was loaded: verifies each event's chain link,
 * decodes its data and folds it in. A broken chain is an infrastructure fault and throws.
 */
export async function catchUp<State, Event>(
  store: EventStore,
  loaded: LoadedStream<State>,
  decode: DecodeEvent,
  evolve: (state: State, event: Event) => State,
): Promise<LoadedStream<State>> {
  let { state, link } = loaded;
  // The cache owns the map: extending it in place keeps a catch-up O(new events), not O(stream).
  const receipts = loaded.receipts as Map<string, Receipt>;
  const fromRevision = link === undefined ? 0 : link.revision + 1;
  for await (const recorded of store.readStream(loaded.stream, { fromRevision })) {
    const finding = checkLink(recorded, link);
    if (finding !== undefined) throw new IntegrityError(finding);
    state = evolve(state, { type: recorded.type, data: decode(recorded) } as Event);
    link = { revision: recorded.revision, hash: recorded.metadata.hash as string };
    const commandId = recorded.metadata.commandId;
    if (typeof commandId === 'string')
      recordReceipt(receipts, loaded.stream, commandId, recorded.id, recorded.revision);
  }
  return { stream: loaded.stream, state, link, receipts };
}
