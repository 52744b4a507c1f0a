import type * as E from 'fp-ts/lib/Either.js';
import type { Refusal } from '../refusals/refusal.js';
import type { PrivateStreamKind } from '../streams.js';
import type { OpenKey } from './key-ring.js';
import type { LoadedStream } from './loaded-stream.js';
import type { ReceiptBook } from './receipt-book.js';

/** A domain event as a writer appends it. */
export type DomainEvent = { readonly type: string; readonly data: unknown };

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

/** A command as the writer runs it: load the stream, decide, append, retry. */
export interface WriterCommand<State, Event extends DomainEvent, Book extends ReceiptBook = ReceiptBook> {
  readonly commandId: string;
  readonly digest?: string;
  readonly load: () => Promise<LoadedStream<State, Book>>;
  readonly decide: (
    loaded: LoadedStream<State, Book>,
  ) => E.Either<Refusal, Plan<Event>> | Promise<E.Either<Refusal, Plan<Event>>>;
  readonly evolve: (state: State, event: Event) => State;
  readonly remember?: (loaded: LoadedStream<State, Book>) => void;
  /**
   * Runs after the command's events are sealed, before they are appended (`hashes`: each event's
   * chain hash; `firstRevision`: the revision of the first): what must exist before the events do.
   * A failed append leaves what it made, so it must be harmless unused.
   */
  readonly beforeAppend?: (hashes: readonly Uint8Array[], firstRevision: number) => Promise<void>;
  /** The refusal when the stream turns out deleted (its detail shredded). */
  readonly deleted?: () => Refusal;
  /**
   * The stream the command writes to, when known before loading: commands for one stream
   * from this process then take turns — and those that queued meanwhile are decided one after
   * the other and appended together (one append, one commit) — instead of meeting as
   * conflicts. Other processes are met by the store's `exclusive` where it has one, and by the
   * expected revision always (retried with backoff).
   */
  readonly lane?: string;
  /**
   * The command's view of its stream as an earlier command of the same batch left it (not yet
   * stored), without reading — e.g. with this command's catalogues. It must keep the stream's
   * chain link. Without it the command never joins a batch behind another.
   */
  readonly continueFrom?: (loaded: LoadedStream<State, Book>) => LoadedStream<State, Book>;
}
