import type { AppendError, EventStore, RecordedEvent } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';

/**
 * A view of a shared store in which every stream name is prefixed with `namespace`: the
 * cases of a contract that use fixed stream names (the privacy contract's periods, sheets and
 * series) can then run one after another, and run again, against one real server that is
 * never emptied. Reads and subscriptions see only the namespace's streams, under their own
 * names (in conflicts too); positions are the shared store's.
 */
export function namespacedStore(store: EventStore, namespace: string): EventStore {
  const inside = (event: RecordedEvent): boolean => event.stream.startsWith(namespace);
  const strip = (event: RecordedEvent): RecordedEvent => ({
    ...event,
    stream: event.stream.slice(namespace.length),
  });
  const own = (error: AppendError): AppendError => ({
    ...error,
    stream: error.stream.slice(namespace.length),
  });
  return {
    append: async (stream, events, options) =>
      E.mapLeft(own)(await store.append(namespace + stream, events, options)),
    appendBatch: async (parts) =>
      E.mapLeft(own)(
        await store.appendBatch(parts.map((part) => ({ ...part, stream: namespace + part.stream }))),
      ),
    deleteStreams: (streams) => store.deleteStreams(streams.map((stream) => namespace + stream)),
    async *readStream(stream, options) {
      for await (const event of store.readStream(namespace + stream, options)) yield strip(event);
    },
    async *readAll(options = {}) {
      let remaining = options.limit ?? Number.POSITIVE_INFINITY;
      if (remaining <= 0) return;
      const from = options.after === undefined ? {} : { after: options.after };
      for await (const event of store.readAll(from)) {
        if (!inside(event)) continue;
        yield strip(event);
        remaining -= 1;
        if (remaining === 0) return;
      }
    },
    subscribe(options, handler) {
      const prefixes = options.filter?.streamPrefixes?.map((prefix) => namespace + prefix) ?? [namespace];
      return store.subscribe(
        { ...options, filter: { ...options.filter, streamPrefixes: prefixes } },
        {
          ...handler,
          onEvent: (event) => handler.onEvent(strip(event)),
        },
      );
    },
  };
}
