import { type ChainLink, checkLink } from '../envelope/chain-verifier.js';
import { readHeader } from '../envelope/envelope-header.js';
import { sameHash } from '../envelope/event-hash.js';
import { type OpenedEvent, openEvent, type SealerFor } from '../envelope/open-event.js';
import type { JsonValue } from '../json.js';
import type { EventStore, RecordedEvent } from '../ports/event-store.js';
import { IntegrityError } from './integrity-error.js';
import { createReceiptMap, type ReceiptBook } from './receipt-book.js';
import { isGone, missing } from './verified-read.js';

/** A stream folded into a decider's state, with what the service needs to append to it. */
export interface LoadedStream<State, Book extends ReceiptBook = ReceiptBook> {
  readonly stream: string;
  readonly state: State;
  /** The last verified event, `undefined` while the stream does not exist. */
  readonly link: ChainLink | undefined;
  /** Receipts of the commands already in the stream, by command id (idempotency). */
  readonly receipts: Book;
}

/** A domain event as the service folds it: `data` is undefined when its key is gone. */
export interface FoldedEvent {
  readonly type: string;
  readonly data: JsonValue | undefined;
}

/** An empty stream (its receipts all kept in memory unless another book is given). */
export function emptyStream<State, Book extends ReceiptBook = ReceiptBook>(
  stream: string,
  state: State,
  receipts?: Book,
): LoadedStream<State, Book> {
  return { stream, state, link: undefined, receipts: receipts ?? (createReceiptMap(stream) as Book) };
}

/** Folds an opened event: its real type and data, or `Encrypted` with no data once the key is gone. */
export function folded(opened: OpenedEvent): FoldedEvent {
  return opened.readable ? { type: opened.type, data: opened.data } : { type: 'Encrypted', data: undefined };
}

/**
 * Reads what was appended to a stream since it was loaded: verifies each event's chain link,
 * opens it (with the sealer of its key, while the key exists) and folds it in. A broken chain
 * or a payload that does not open is an infrastructure fault and throws. A state read before
 * is caught up from its own last event, which must still be there: one read that served an
 * event the store never held (a keyless chain is easy to extend) left a kept state on it, and
 * the writer then chained new events to a hash the store never had — breaking the store's own
 * chain for every reader (attack 22). Not there while the stream exists: an integrity error;
 * the stream gone (deleted meanwhile): nothing to read, as the next append will find.
 */
export async function catchUp<State, Event, Book extends ReceiptBook>(
  store: EventStore,
  loaded: LoadedStream<State, Book>,
  sealerFor: SealerFor,
  evolve: (state: State, event: Event) => State,
): Promise<LoadedStream<State, Book>> {
  if (loaded.link === undefined)
    return foldFrom(store, loaded, sealerFor, evolve, false) as Promise<LoadedStream<State, Book>>;
  const caught = await foldFrom(store, loaded, sealerFor, evolve, true);
  if (caught !== undefined) return caught;
  if (await isGone(store, loaded.stream)) return loaded;
  throw new IntegrityError(missing(loaded.stream, loaded.link.revision));
}

/**
 * {@link catchUp} for a state kept across commands: the read starts at the last event it
 * folded, which must still be there with the same hash — `undefined` when it is not (the
 * stream was deleted meanwhile, by this process or another), so the caller reads afresh and
 * never answers from what a deletion destroyed. One read, as a plain catch-up.
 */
export async function catchUpKept<State, Event>(
  store: EventStore,
  loaded: LoadedStream<State>,
  sealerFor: SealerFor,
  evolve: (state: State, event: Event) => State,
): Promise<LoadedStream<State> | undefined> {
  return foldFrom(store, loaded, sealerFor, evolve, loaded.link !== undefined);
}

async function foldFrom<State, Event, Book extends ReceiptBook>(
  store: EventStore,
  loaded: LoadedStream<State, Book>,
  sealerFor: SealerFor,
  evolve: (state: State, event: Event) => State,
  confirmLast: boolean,
): Promise<LoadedStream<State, Book> | undefined> {
  let { state, link } = loaded;
  // The cache owns the book: extending it in place keeps a catch-up O(new events), not O(stream).
  const { receipts } = loaded;
  const fromRevision = link === undefined ? 0 : link.revision + (confirmLast ? 0 : 1);
  let unconfirmed = confirmLast;
  // What the read found goes into the book only once the read has ended well, with the state: a
  // read cut short (a lost connection) or found broken left the book ahead of the state it kept
  // — events the next catch-up reads again and the book skips as known (attack 21).
  let found: FoundReceipt[] | undefined;
  for await (const recorded of store.readStream(loaded.stream, { fromRevision })) {
    if (unconfirmed) {
      if (!isLink(recorded, link)) return undefined;
      unconfirmed = false;
      continue;
    }
    const finding = checkLink(recorded, link, loaded.stream);
    if (finding !== undefined) throw new IntegrityError(finding);
    const opened = openEvent(recorded, sealerFor);
    state = evolve(state, folded(opened) as Event);
    link = { revision: recorded.revision, hash: opened.hash };
    if (opened.readable) {
      found ??= [];
      found.push({
        commandId: opened.meta.commandId,
        digest: opened.meta.digest,
        eventId: recorded.id,
        revision: recorded.revision,
        hash: opened.hash,
      });
    }
  }
  if (unconfirmed) return undefined;
  for (const receipt of found ?? [])
    receipts.record(receipt.commandId, receipt.digest, receipt.eventId, receipt.revision, receipt.hash);
  return { stream: loaded.stream, state, link, receipts };
}

/** An event's part of its command's receipt, as a catch-up found it. */
interface FoundReceipt {
  readonly commandId: string;
  readonly digest: string | undefined;
  readonly eventId: string;
  readonly revision: number;
  readonly hash: Uint8Array;
}

/** Whether a stored event is the one a link points at (same revision, same stored hash). */
function isLink(recorded: RecordedEvent, link: ChainLink | undefined): boolean {
  const hash = readHeader(recorded.metadata)?.hash;
  return (
    link !== undefined &&
    recorded.revision === link.revision &&
    hash !== undefined &&
    sameHash(hash, link.hash)
  );
}
