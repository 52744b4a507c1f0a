import { isStoreUnavailable, type ReadAllOptions, type RecordedEvent } from '@pinnstatistik/core';
import type { FaultListener } from './connection.js';

/** A read of the log from a position (the store's `readAll`). */
export type ReadAll = (options: ReadAllOptions) => AsyncIterable<RecordedEvent>;

/** Waits `ms`, or less if `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * A read of the log that outlives faults, for subscriptions: when the store is unavailable
 * (a lost or stalled connection, a restarting server) it waits — exponential backoff with full
 * jitter, 100 ms doubling to 5 s — and reads on after the last event it delivered, so nothing
 * is skipped or repeated. Faults are reported to `onFault`; anything else (a bug) is thrown.
 */
export function resilientReadAll(
  readAll: ReadAll,
  signal: AbortSignal,
  onFault: FaultListener,
  random: () => number = Math.random,
): ReadAll {
  return (options) => ({
    async *[Symbol.asyncIterator]() {
      let after = options.after;
      let remaining = options.limit ?? Number.POSITIVE_INFINITY;
      for (let attempt = 0; ; ) {
        try {
          for await (const event of readAll({
            ...(after === undefined ? {} : { after }),
            limit: remaining,
          })) {
            attempt = 0;
            after = event.position;
            remaining -= 1;
            yield event;
          }
          return;
        } catch (error) {
          if (!isStoreUnavailable(error) || signal.aborted) throw error;
          attempt += 1;
          onFault(error, 'a subscription (it resumes by itself)');
          await pause(random() * Math.min(5_000, 100 * 2 ** (attempt - 1)), signal);
          if (signal.aborted) return;
        }
      }
    },
  });
}
