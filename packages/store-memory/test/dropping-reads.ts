import { type EventStore, type RecordedEvent, StoreUnavailable } from '@pinnstatistik/core';

/**
 * A store whose reads of tally sheets fail part-way (the connection drops) `failures` times:
 * each after `after` events, then `step` more the next time.
 */
export function droppingReads(
  inner: EventStore,
  state: { failures: number; after: number; readonly step?: number },
): EventStore {
  return {
    ...inner,
    readStream: (stream, options) => {
      const events = inner.readStream(stream, options);
      if (!stream.startsWith('tally-') || state.failures === 0) return events;
      return (async function* (): AsyncIterable<RecordedEvent> {
        let yielded = 0;
        for await (const event of events) {
          if (yielded === state.after && state.failures > 0) {
            state.failures -= 1;
            state.after += state.step ?? 0;
            throw new StoreUnavailable('connection dropped mid-read', 'not-written');
          }
          yielded += 1;
          yield event;
        }
      })();
    },
  };
}
