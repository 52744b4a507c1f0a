import { createCatchUpSubscription, type EventStore } from '@pinnstatistik/core';
import { appendOperations } from './append.js';
import { deleteStreams } from './delete-streams.js';
import { readAll, readAllPages } from './read-all.js';
import { readStream } from './read-stream.js';
import { createStoreState } from './store-state.js';
import { storedBytes } from './stored-bytes.js';

/** Options for the in-memory store. */
export interface MemoryEventStoreOptions {
  /** The largest append accepted, in bytes of encoded events (default 1 MiB, as EventStoreDB's default). */
  readonly maxAppendBytes?: number;
}

/** The in-memory store, with what tests that play an attacker need. */
export interface MemoryEventStore extends EventStore {
  /** How many events the log has held (deleted ones included: positions are never reused). */
  readonly size: number;
  /** Every byte the store holds: stream names, type names and the raw event buffers (wiped bytes are zeros). */
  storedBytes(): Uint8Array[];
}

/**
 * The embedded default `EventStore`: one global, append-ordered log of events as bytes,
 * exactly as the core encoded them, with per-stream revision indexes. An append costs the same
 * at the first event and the ten-millionth: nothing is copied or scanned per append. Deleting a
 * stream overwrites its events' bytes with zeros at once (`extent: 'physical'`) and keeps only
 * its name, so nothing can revive it. Events are read as views of those bytes (no copy per
 * event): one held across a deletion of its stream reads as zeros — copy what must outlive one.
 */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): MemoryEventStore {
  const state = createStoreState(options.maxAppendBytes ?? 1024 * 1024);
  const readAllOf: EventStore['readAll'] = (readOptions) => readAll(state, readOptions);
  const nextAppend = (): Promise<void> => state.appended.next();
  return {
    reportsExactWrites: true,
    ...appendOperations(state),
    deleteStreams: async (names) => deleteStreams(state, names),
    readStream: (stream, readOptions) => readStream(state, stream, readOptions),
    readAll: readAllOf,
    readAllPages: (readOptions) => readAllPages(state, readOptions),
    subscribe: (subscribeOptions, handler) =>
      createCatchUpSubscription({ readAll: readAllOf, nextAppend }, subscribeOptions, handler),
    get size() {
      return state.log.length;
    },
    storedBytes: () => storedBytes(state),
  };
}
