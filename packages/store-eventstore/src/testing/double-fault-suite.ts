import { isStoreUnavailable, type RecordedEvent, type StoreUnavailable } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStoreDbClientKind } from '../client-seam.js';
import { combinationsOf, storeOnDouble } from './double-clients.js';
import type { FaultAction, FaultMoment } from './double-faults.js';
import { event, events, eventually, labelsOf, wait } from './test-events.js';

/** What a call threw, which must be a `StoreUnavailable`. */
async function unavailable(call: Promise<unknown>): Promise<StoreUnavailable> {
  try {
    await call;
  } catch (error) {
    if (isStoreUnavailable(error)) return error;
    throw error;
  }
  throw new Error('the call succeeded; a StoreUnavailable was expected');
}

/** How long a call took to fail, in milliseconds, with what it threw. */
async function timed(call: () => Promise<unknown>): Promise<{ error: StoreUnavailable; ms: number }> {
  const started = performance.now();
  const error = await unavailable(call());
  return { error, ms: performance.now() - started };
}

/**
 * Retries a call on `StoreUnavailable` with a short backoff, as the command service does (a
 * client can need a moment to notice a dead connection: right after a drop, the db-client may
 * still hand a new BatchAppend to the stream that died, which then times out once more).
 */
async function retried<T>(call: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isStoreUnavailable(error) || attempt >= attempts) throw error;
      await wait(20 * attempt);
    }
  }
}

/**
 * The deadline the fault tests give every call (the default is 10 s). Not shorter: the
 * KurrentDB client's Rust bridge takes several hundred milliseconds to open its first
 * connection on a loaded test machine, and a read then would be cut off as a fault.
 */
const DEADLINE_MS = 1_500;
/** A bound far above the deadline that a hung call would still exceed: the test proves "no hang", not speed. */
const WITHIN_MS = DEADLINE_MS + 4_000;

/**
 * Registers, for one client package, the fault suite over the gRPC double on both append
 * paths: connections dropped, reset or refused and calls stalled, through the double's TCP
 * proxy and per-call faults. Every fault surfaces as `StoreUnavailable` (with the outcome the
 * adapter can know), never as a hang or a crash; retries with the same ids store each event
 * once; subscriptions reconnect with backoff and resume without gaps or repeats.
 */
export function describeFaultsOverDouble(client: EventStoreDbClientKind): void {
  // Any unhandled rejection or uncaught exception during the suite is a crash in production.
  const crashes: unknown[] = [];
  const onCrash = (error: unknown): void => void crashes.push(error);
  beforeAll(() => {
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
  });
  afterAll(() => {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    expect(crashes, 'unhandled rejections or uncaught exceptions during the fault suite').toEqual([]);
  });

  for (const combination of combinationsOf(client)) {
    const path = combination.appendPath;
    const title = `${client}, ${path} path, over the gRPC double`;
    const options = { deadlineMs: DEADLINE_MS, subscriptionRetry: { initialDelayMs: 20, maxDelayMs: 160 } };

    describe(`EventStoreDB store (${title}): faults`, () => {
      for (const [action, moment] of [
        ['drop', 'after-write'],
        ['reset', 'after-write'],
        ['drop', 'before-write'],
        ['reset', 'before-write'],
      ] as [FaultAction, FaultMoment][]) {
        it(`a connection ${action === 'drop' ? 'dropped' : 'reset'} ${moment === 'after-write' ? 'after the node wrote' : 'before the node wrote'} an append surfaces as StoreUnavailable (unknown), and the retry stores the events once`, async () => {
          const { double, store, dispose } = await storeOnDouble(combination, {}, options);
          try {
            await store.append('lost-1', events('a'), { expected: 'no-stream' });
            double.faults.next(path, action, { moment });
            const batch = events('b', 'c');
            const error = await unavailable(store.append('lost-1', batch, { expected: 0 }));
            expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true, outcome: 'unknown' });
            expect(double.faults.struck).toBe(1);
            const again = await retried(() => store.append('lost-1', batch, { expected: 0 }));
            expect(E.isRight(again) && again.right.nextRevision).toBe(2);
            expect(labelsOf(await collect(store.readStream('lost-1')))).toEqual(['a', 'b', 'c']);
          } finally {
            await dispose();
          }
        });
      }

      it('an append to a node that refuses connections fails as StoreUnavailable (not-written), and works once it is back', async () => {
        const { double, store, dispose } = await storeOnDouble(combination, {}, options);
        try {
          await double.network.down();
          const error = await unavailable(store.append('down-1', events('a'), { expected: 'no-stream' }));
          expect(error.outcome).toBe('not-written');
          expect(double.log.stream('down-1')).toBeUndefined();
          await double.network.up();
          const result = await retried(() => store.append('down-1', events('a'), { expected: 'no-stream' }));
          expect(E.isRight(result)).toBe(true);
          expect(labelsOf(await collect(store.readStream('down-1')))).toEqual(['a']);
        } finally {
          await dispose();
        }
      });

      it('a stalled append fails within the deadline as StoreUnavailable (unknown), and later appends go through', async () => {
        const { double, store, dispose } = await storeOnDouble(combination, {}, options);
        try {
          await store.append('stall-1', events('a'), { expected: 'no-stream' });
          double.faults.next(path, 'stall', { moment: 'before-write' });
          const { error, ms } = await timed(() => store.append('stall-1', events('b'), { expected: 0 }));
          expect(error.outcome).toBe('unknown');
          expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
          expect(ms).toBeLessThan(WITHIN_MS);
          const next = await retried(() => store.append('stall-1', events('b'), { expected: 0 }));
          expect(E.isRight(next)).toBe(true);
          expect(labelsOf(await collect(store.readStream('stall-1')))).toEqual(['a', 'b']);
        } finally {
          await dispose();
        }
      });

      it('with the network stalled, appends, reads and deletions fail within the deadline instead of hanging', async () => {
        const { double, store, dispose } = await storeOnDouble(combination, {}, options);
        try {
          await store.append('net-1', events('a'), { expected: 'no-stream' });
          expect(labelsOf(await collect(store.readAll()))).toEqual(['a']);
          double.network.stall();
          for (const [call, outcome] of [
            [() => store.append('net-1', events('b'), { expected: 0 }), 'unknown'],
            [() => collect(store.readStream('net-1')), 'not-written'],
            [() => collect(store.readAll()), 'not-written'],
            [() => store.deleteStreams(['net-1']), 'not-written'],
          ] as const) {
            const { error, ms } = await timed(call);
            expect(error.outcome).toBe(outcome);
            expect(ms).toBeLessThan(WITHIN_MS);
          }
        } finally {
          double.network.resume();
          await dispose();
        }
      });

      it('a tombstone whose answer is lost surfaces as StoreUnavailable, and deleting again completes', async () => {
        const { double, store, dispose } = await storeOnDouble(combination, {}, options);
        try {
          await store.append('del-1', events('a', 'b'), { expected: 'no-stream' });
          await store.append('del-2', events('c'), { expected: 'no-stream' });
          double.faults.next('Tombstone', 'stall', { matching: (call) => call.stream === 'del-2' });
          const { error, ms } = await timed(() => store.deleteStreams(['del-1', 'del-2']));
          expect(error.outcome).toBe('unknown');
          expect(ms).toBeLessThan(WITHIN_MS);
          expect(await retried(() => store.deleteStreams(['del-1', 'del-2']))).toMatchObject({
            extent: 'logical',
          });
          const refused = await store.append('del-2', events('d'), { expected: 'any' });
          expect(E.isLeft(refused) && refused.left.code).toBe('STREAM_DELETED');
          expect(await collect(store.readAll())).toEqual([]);
        } finally {
          await dispose();
        }
      });

      it('a subscription rides out dropped, reset and refused connections and resumes without gaps or repeats', async () => {
        const { double, store, dispose } = await storeOnDouble(combination, {}, options);
        try {
          const seen: RecordedEvent[] = [];
          const errors: unknown[] = [];
          const subscription = store.subscribe(
            { filter: { streamPrefixes: ['ride-'] } },
            { onEvent: (recorded) => void seen.push(recorded), onError: (error) => void errors.push(error) },
          );
          await subscription.caughtUp;
          const written: string[] = [];
          const appendOne = async (label: string): Promise<void> => {
            const result = await retried(() => store.append('ride-1', [event(label)], { expected: 'any' }));
            expect(E.isRight(result)).toBe(true);
            written.push(label);
          };
          for (let round = 0; round < 6; round += 1) {
            await appendOne(`r${round}a`);
            if (round % 3 === 0) double.network.drop();
            else if (round % 3 === 1) double.network.reset();
            else {
              await double.network.down();
              await wait(150);
              await double.network.up();
            }
            await appendOne(`r${round}b`);
          }
          await eventually(() => seen.length >= written.length, 'every event delivered', 15_000);
          await wait(100);
          await subscription.close();
          expect(labelsOf(seen)).toEqual(written);
          expect(errors).toEqual([]);
        } finally {
          await dispose();
        }
      });

      it('a subscription whose reads the node keeps refusing retries with growing delays, not in a hot loop, and catches up when they stop', async () => {
        const { double, store, dispose } = await storeOnDouble(combination, {}, options);
        try {
          await store.append('back-1', events('a'), { expected: 'no-stream' });
          const seen: RecordedEvent[] = [];
          double.faults.next('Read', 'unavailable', { times: Number.POSITIVE_INFINITY });
          const readsBefore = double.calls.get('Read') ?? 0;
          const subscription = store.subscribe(
            { filter: { streamPrefixes: ['back-'] } },
            {
              onEvent: (recorded) => void seen.push(recorded),
            },
          );
          await wait(1_200);
          const attempts = (double.calls.get('Read') ?? 0) - readsBefore;
          double.faults.clear();
          await subscription.caughtUp;
          await subscription.close();
          // Delays of 20, 40, 80, 160, 160 … ms fit at most about ten attempts into 1.2 s (fewer
          // when each attempt itself takes time, as the KurrentDB client's bridge reconnecting
          // does); a retry without backoff would make hundreds.
          expect(attempts).toBeGreaterThanOrEqual(2);
          expect(attempts).toBeLessThanOrEqual(14);
          expect(labelsOf(seen)).toEqual(['a']);
        } finally {
          await dispose();
        }
      });

      it('fifty connection kills in a row lose, duplicate and hang nothing', async () => {
        // Every append kills the connections under the subscription too, fifty times in a few
        // seconds: it must keep retrying through all of it.
        const { double, store, dispose } = await storeOnDouble(
          combination,
          {},
          { ...options, subscriptionRetry: { ...options.subscriptionRetry, maxAttempts: 1_000 } },
        );
        try {
          const seen: RecordedEvent[] = [];
          const errors: unknown[] = [];
          const subscription = store.subscribe(
            { filter: { streamPrefixes: ['kill-'] } },
            { onEvent: (recorded) => void seen.push(recorded), onError: (error) => void errors.push(error) },
          );
          await subscription.caughtUp;
          const labels = Array.from({ length: 50 }, (_, index) => `k${index}`);
          let faults = 0;
          for (const [index, label] of labels.entries()) {
            double.faults.next(path, index % 2 === 0 ? 'drop' : 'reset', {
              moment: index % 3 === 0 ? 'before-write' : 'after-write',
            });
            for (let attempt = 1; ; attempt += 1) {
              try {
                const result = await store.append('kill-1', [event(label)], {
                  expected: index === 0 ? 'no-stream' : index - 1,
                });
                expect(E.isRight(result)).toBe(true);
                break;
              } catch (error) {
                if (!isStoreUnavailable(error) || attempt >= 20) throw error;
                faults += 1;
                await wait(10 * attempt);
              }
            }
          }
          expect(faults).toBeGreaterThanOrEqual(50);
          await eventually(() => seen.length >= labels.length, 'every event delivered', 20_000);
          await wait(100);
          await subscription.close();
          expect(labelsOf(await collect(store.readStream('kill-1')))).toEqual(labels);
          expect(labelsOf(seen)).toEqual(labels);
          expect(errors).toEqual([]);
        } finally {
          await dispose();
        }
      });
    });
  }
}
