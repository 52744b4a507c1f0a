import type { CheckpointStore, EventStore } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import {
  createMemoryCheckpointStore,
  createProjectionRunner,
  replay,
  type StatisticsCube,
  statisticsProjection,
} from '../src/index.js';
import { recordedYear } from './workload.js';

/** A store whose subscriptions die after some events (a lost connection), `failures` times in all. */
function droppingSubscriptions(store: EventStore, failures: number, after: number): EventStore {
  let left = failures;
  return {
    ...store,
    appendBatch: store.appendBatch,
    deleteStreams: store.deleteStreams,
    readStream: store.readStream,
    readAll: store.readAll,
    append: store.append,
    subscribe(options, handler) {
      if (left <= 0) return store.subscribe(options, handler);
      left -= 1;
      let delivered = 0;
      return store.subscribe(options, {
        ...handler,
        onEvent: async (event) => {
          delivered += 1;
          if (delivered > after) throw new Error('connection lost');
          await handler.onEvent(event);
        },
      });
    },
  };
}

/** A checkpoint store whose saves fail every other time. */
function flakySaves(inner: CheckpointStore): CheckpointStore & { failed: number } {
  let calls = 0;
  const flaky = {
    failed: 0,
    load: (name: string) => inner.load(name),
    reset: (name: string) => inner.reset(name),
    async save(name: string, checkpoint: Parameters<CheckpointStore['save']>[1]) {
      calls += 1;
      if (calls % 2 === 0) {
        flaky.failed += 1;
        throw new Error('checkpoint store unavailable');
      }
      return inner.save(name, checkpoint);
    },
  };
  return flaky;
}

const totals = (cube: StatisticsCube) =>
  [...cube.sheets()]
    .map((sheet) => `${sheet.period}/${sheet.interventionId}/${sheet.unitId}:${JSON.stringify(sheet.tables)}`)
    .sort();

describe('a projection runner under faults', () => {
  it('recovers by itself from lost subscriptions and failed checkpoint saves, and equals a fresh rebuild', async () => {
    const { store, keys } = await recordedYear(93, 0.05);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const errors: unknown[] = [];
      const checkpoints = flakySaves(createMemoryCheckpointStore());
      const runner = createProjectionRunner({
        store: droppingSubscriptions(store, 4, 150),
        projection: statisticsProjection({ keys }),
        checkpoints,
        checkpointKeys: keys,
        checkpointEvery: 50,
        onError: (error) => errors.push(error),
        maxRetryDelayMs: 20,
      });
      await runner.start().catch(() => undefined); // the first subscription dies before catching up
      await runner.whenCaughtUp();
      expect(errors.length).toBeGreaterThanOrEqual(4);
      expect(checkpoints.failed).toBeGreaterThan(0);
      const { state } = await replay(store, statisticsProjection({ keys }));
      expect(totals(runner.state)).toEqual(totals(state));
      await runner.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('starts again after a failure when asked', async () => {
    const { store, keys } = await recordedYear(94, 0.02);
    const runner = createProjectionRunner({
      store: droppingSubscriptions(store, 1, 10),
      projection: statisticsProjection({ keys }),
      checkpoints: createMemoryCheckpointStore(),
      checkpointKeys: keys,
      maxRetryDelayMs: 60_000, // too long to wait for: start() must restart at once
    });
    await runner.start().catch(() => undefined);
    expect(runner.error).toBeDefined();
    await runner.start();
    await runner.whenCaughtUp();
    const { state } = await replay(store, statisticsProjection({ keys }));
    expect(totals(runner.state)).toEqual(totals(state));
    await runner.stop();
  });
});
