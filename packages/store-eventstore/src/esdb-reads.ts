import type { ClientResolvedEvent, ClientSeam } from './client-seam.js';
import type { ClientRecordedEvent } from './event-encoding.js';
import { errorType, withDeadline } from './store-faults.js';

/** How the adapter reads: the client seam, page size and the deadline of each page. */
export interface Reader {
  readonly seam: ClientSeam;
  /** Events per read request. */
  readonly batch: number;
  /** The longest one page may take, in milliseconds. */
  readonly deadlineMs: number;
}

/**
 * One whole page of a read, under the reader's deadline: the page is collected before anything
 * is handed on, so a slow consumer never holds a read call open past its deadline. A page
 * that does not arrive in time is abandoned (its iterator returned, which cancels the call)
 * and reported as `StoreUnavailable`.
 */
export function readPage(
  reader: Reader,
  iterable: AsyncIterable<ClientResolvedEvent>,
  what: string,
): Promise<ClientResolvedEvent[]> {
  const iterator = iterable[Symbol.asyncIterator]();
  const collect = async (): Promise<ClientResolvedEvent[]> => {
    const page: ClientResolvedEvent[] = [];
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return page;
      page.push(next.value);
    }
  };
  return withDeadline(collect(), reader.deadlineMs, what, false, () => {
    iterator.return?.()?.catch(() => undefined);
  });
}

/** What a stream's own index says of it: absent, deleted for good, or its last event. */
export type StreamHead =
  | { readonly state: 'absent' }
  | { readonly state: 'deleted' }
  | { readonly state: 'at'; readonly last: ClientRecordedEvent };

/**
 * Pages through one stream. An absent stream (`StreamNotFound`: never written, or soft-deleted)
 * reads as empty; a tombstoned one (`StreamDeleted`) too, as the port wants of a deleted stream.
 */
export async function* readStreamPages(
  reader: Reader,
  stream: string,
  direction: 'forwards' | 'backwards',
  fromRevision: bigint | 'start' | 'end',
  limit: number,
): AsyncGenerator<ClientResolvedEvent> {
  let from = fromRevision;
  let remaining = limit;
  while (remaining > 0) {
    const maxCount = Math.min(reader.batch, remaining);
    let events: ClientResolvedEvent[];
    try {
      events = await readPage(
        reader,
        reader.seam.readStream(stream, { direction, fromRevision: from, maxCount }),
        'reading a stream',
      );
    } catch (error) {
      const type = errorType(error);
      if (type === 'stream-not-found' || type === 'stream-deleted') return;
      throw error;
    }
    yield* events;
    remaining -= events.length;
    const last = events.at(-1)?.event?.revision;
    if (events.length < maxCount || last === undefined) return;
    from = direction === 'forwards' ? last + 1n : last - 1n;
    if (from < 0n) return;
  }
}

/** The head of a stream: one backwards read of one event, telling absent and deleted apart. */
export async function streamHead(reader: Reader, stream: string): Promise<StreamHead> {
  try {
    const [resolved] = await readPage(
      reader,
      reader.seam.readStream(stream, { direction: 'backwards', fromRevision: 'end', maxCount: 1 }),
      'reading a stream head',
    );
    return resolved?.event === undefined ? { state: 'absent' } : { state: 'at', last: resolved.event };
  } catch (error) {
    const type = errorType(error);
    if (type === 'stream-deleted') return { state: 'deleted' };
    if (type === 'stream-not-found') return { state: 'absent' };
    throw error;
  }
}
