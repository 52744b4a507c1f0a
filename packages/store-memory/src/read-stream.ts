import type { ReadStreamOptions, RecordedEvent } from '@pinnstatistik/core';
import { recorded } from './recorded-event.js';
import { stepIterable } from './step-iterable.js';
import type { StoreState } from './store-state.js';

/**
 * One stream's events, forwards or backwards. Its revisions are looked up at each step, so a
 * read sees events appended while it runs and none of a stream deleted meanwhile.
 *
 * Reads answer each step with a settled promise (no async generator per read): a replay
 * pays one microtask per event, and a catch-up that finds nothing pays next to nothing.
 */
export function readStream(
  state: StoreState,
  stream: string,
  options: ReadStreamOptions = {},
): AsyncIterable<RecordedEvent> {
  return stepIterable(() => {
    const entry = state.streams.get(stream);
    if (entry === undefined) return () => undefined;
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    let yielded = 0;
    if (options.direction === 'backwards') {
      let revision = options.fromRevision ?? entry.indices.length - 1;
      return () => {
        while (revision >= entry.indices.length) revision -= 1;
        if (revision < 0 || yielded >= limit) return undefined;
        yielded += 1;
        revision -= 1;
        return recorded(state, entry.indices.at(revision + 1));
      };
    }
    let revision = options.fromRevision ?? 0;
    return () => {
      if (revision >= entry.indices.length || yielded >= limit) return undefined;
      yielded += 1;
      revision += 1;
      return recorded(state, entry.indices.at(revision - 1));
    };
  });
}
