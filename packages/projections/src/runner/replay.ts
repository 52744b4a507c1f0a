import { type EventStore, type RecordedEvent, readAllInPages } from '@pinnstatistik/core';
import type { Projection } from '../projection.js';

/** Where a replay stops: after a global position, or with the periods up to a date. */
export type AsOf = { readonly position: string } | { readonly date: string };

/** Options for a one-off replay. */
export interface ReplayOptions {
  /** Time travel: the state as of a position (inclusive), or of the periods up to a date. */
  readonly asOf?: AsOf;
  /** Called every `progressEvery` events with the count so far. */
  readonly onProgress?: (events: number) => void;
  readonly progressEvery?: number;
}

const PERIOD_IN_NAME = /^(?:tally|period|registry)-(\d{4}-\d{2})/;

/**
 * Whether an event belongs to a period up to a date's month. Periods are in clear in the
 * names of period and sheet streams; catalogue adoptions always count (which version was in
 * force is itself by date). Events carry no write times — by design — so "as of a date" is
 * about what happened up to that date, as known now.
 */
function withinDate(event: RecordedEvent, date: string): boolean {
  const period = PERIOD_IN_NAME.exec(event.stream)?.[1];
  if (period !== undefined) return period <= date.slice(0, 7);
  return !event.stream.startsWith('series-');
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Folds the whole log (or the part up to `asOf`) through a projection, streaming: memory
 * is the projection's state, never the log.
 */
export async function replay<State>(
  store: EventStore,
  projection: Projection<State>,
  options: ReplayOptions = {},
): Promise<{ state: State; events: number; position: string | undefined }> {
  let state = projection.initial();
  let events = 0;
  let position: string | undefined;
  const every = options.progressEvery ?? 10_000;
  const asOf = options.asOf;
  // Positions are opaque, and one whose event was deleted since (a sealed sheet) is never met:
  // the replay also stops before the first event after it.
  const beyond =
    asOf !== undefined && 'position' in asOf ? await firstAfter(store, asOf.position) : undefined;
  // A page at a time, and a projection that answers at once is not awaited: no promise per event.
  // A projection that prefetches is handed each page one page ahead of its fold.
  pages: for await (const page of prefetched(readAllInPages(store), projection)) {
    for (const event of page) {
      if (event.position === beyond) break pages;
      if (asOf === undefined || !('date' in asOf) || withinDate(event, asOf.date)) {
        const applied = projection.apply(state, event);
        state = isThenable(applied) ? await applied : applied;
      }
      events += 1;
      position = event.position;
      if (options.onProgress !== undefined && events % every === 0) options.onProgress(events);
      if (asOf !== undefined && 'position' in asOf && event.position === asOf.position) break pages;
    }
  }
  return { state, events, position };
}

/** Pages read and handed to `prefetch` before the fold reaches them. */
const PAGES_AHEAD = 2;

/**
 * The pages, each handed to the projection's `prefetch` as soon as it is read — while the page
 * before it is folded — and the projection closed when the replay ends, however it ends.
 */
async function* prefetched<State>(
  pages: AsyncIterable<readonly RecordedEvent[]>,
  projection: Projection<State>,
): AsyncIterable<readonly RecordedEvent[]> {
  if (projection.prefetch === undefined) {
    try {
      yield* pages;
    } finally {
      await projection.close?.();
    }
    return;
  }
  const reading = pages[Symbol.asyncIterator]();
  // Two pages ahead of the fold: a page that takes the second thread longer than usual is then
  // not waited for.
  const ahead: (readonly RecordedEvent[])[] = [];
  let ended = false;
  const readAhead = async () => {
    while (!ended && ahead.length < PAGES_AHEAD + 1) {
      const next = await reading.next();
      if (next.done === true) ended = true;
      else {
        await projection.prefetch?.(next.value);
        ahead.push(next.value);
      }
    }
  };
  try {
    for (await readAhead(); ahead.length > 0; await readAhead())
      yield ahead.shift() as readonly RecordedEvent[];
  } finally {
    // Closed however the read ends: a store whose cursor fails to close left the worker, and its
    // keys, alive.
    try {
      await reading.return?.();
    } finally {
      await projection.close?.();
    }
  }
}

async function firstAfter(store: EventStore, position: string): Promise<string | undefined> {
  for await (const event of store.readAll({ after: position, limit: 1 })) return event.position;
  return undefined;
}
