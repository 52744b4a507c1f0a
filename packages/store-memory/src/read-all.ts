import type { ReadAllOptions, RecordedEvent } from '@pinnstatistik/core';
import { COLUMN_ID_LENGTH } from './id-column.js';
import { recorded } from './recorded-event.js';
import { stepIterable } from './step-iterable.js';
import type { StoreState } from './store-state.js';

/**
 * Events per page of `readAllPages`: 512, not 4,096 — a page of 4,096 events with their views
 * (≈ 1 MB) outlived young-generation collections in a process whose heap is mostly typed
 * arrays, and a replay of the PEERS workload spent ≈ 13 % of its time in the collector.
 */
const PAGE = 512;
/**
 * Ids read from the id column at once: one latin1 decoding, each id a slice of it (an id kept
 * by a reader keeps its run's 9 KiB alive, never more).
 */
const ID_RUN = 256;

function notAPosition(position: string): never {
  throw new TypeError(`not a position of this store: ${JSON.stringify(position)}`);
}

/** A position of this store (an event's log index + 1) as a number. */
function parsePosition(position: string): number {
  if (!/^\d+$/.test(position)) notAPosition(position);
  return Number(position);
}

// The log from a position on, one event per call (`undefined` at the end or the limit).
function logCursor(state: StoreState, options: ReadAllOptions): () => RecordedEvent | undefined {
  const { log, deletedOrdinals, streamOrdinalOf } = state;
  let index = options.after === undefined ? 0 : parsePosition(options.after);
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let yielded = 0;
  let ids = '';
  let idsFrom = 0;
  return () => {
    // Most logs have no deleted stream: then nothing is looked up per event.
    if (deletedOrdinals.size > 0)
      while (index < log.length && deletedOrdinals.has(streamOrdinalOf.at(index))) index += 1;
    if (index >= log.length || yielded >= limit) return undefined;
    let slot = (index - idsFrom) * COLUMN_ID_LENGTH;
    if (index < idsFrom || slot >= ids.length) {
      ids = state.idColumn.run(index, Math.min(ID_RUN, log.length - index));
      idsFrom = index;
      slot = 0;
    }
    index += 1;
    yielded += 1;
    return recorded(state, index - 1, ids.slice(slot, slot + COLUMN_ID_LENGTH));
  };
}

/** Every stream's events in append order, one settled promise per event (see `readStream`). */
export function readAll(state: StoreState, options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
  return stepIterable(() => logCursor(state, options));
}

// The log a page at a time: one settled promise per page instead of per event.
export function readAllPages(
  state: StoreState,
  options: ReadAllOptions = {},
): AsyncIterable<readonly RecordedEvent[]> {
  return stepIterable(() => {
    const next = logCursor(state, options);
    return () => {
      const page: RecordedEvent[] = [];
      for (let event = next(); event !== undefined; event = page.length < PAGE ? next() : undefined)
        page.push(event);
      return page.length === 0 ? undefined : page;
    };
  });
}
