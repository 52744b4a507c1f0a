import type { EventStore, RecordedEvent } from '@pinnstatistik/core';

/** The same store, with every event `readAll` yields shown to `observe` first: one pass, two readers. */
export function observeReads(store: EventStore, observe: (event: RecordedEvent) => void): EventStore {
  return {
    append: (stream, events, options) => store.append(stream, events, options),
    appendBatch: (parts) => store.appendBatch(parts),
    deleteStreams: (streams) => store.deleteStreams(streams),
    readStream: (stream, options) => store.readStream(stream, options),
    subscribe: (options, handler) => store.subscribe(options, handler),
    async *readAll(options) {
      for await (const event of store.readAll(options)) {
        observe(event);
        yield event;
      }
    },
  };
}
