import {
  type AppendSuccess,
  type EventStore,
  type EventToAppend,
  requireStreamsNamedOnce,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { appendOne } from './append-one.js';
import { type Prepared, prepareAppend } from './prepare-append.js';
import type { StoreState } from './store-state.js';
import { writePrepared } from './write-records.js';

/** `append` and `appendBatch` of a store (made once per store). */
export function appendOperations(state: StoreState): Pick<EventStore, 'append' | 'appendBatch'> {
  return {
    async append(stream, events, { expected }) {
      if (events.length === 1) return appendOne(state, stream, events[0] as EventToAppend, expected);
      const prepared = prepareAppend(state, stream, events, expected);
      if (E.isLeft(prepared)) return prepared;
      const success = writePrepared(state, prepared.right);
      state.appended.announce(success.written);
      return E.right(success);
    },
    // Every part is checked before any is written; nothing awaits in between, so the batch is atomic.
    async appendBatch(parts) {
      requireStreamsNamedOnce(parts);
      const prepared: Prepared[] = [];
      for (const part of parts) {
        const checked = prepareAppend(state, part.stream, part.events, part.expected);
        if (E.isLeft(checked)) return checked;
        prepared.push(checked.right);
      }
      const successes: AppendSuccess[] = [];
      let written = 0;
      for (const part of prepared) {
        const success = writePrepared(state, part);
        successes.push(success);
        written += success.written;
      }
      state.appended.announce(written);
      return E.right(successes);
    },
  };
}
