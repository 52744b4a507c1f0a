import type { CheckpointStore } from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import {
  createEventStoreCheckpointStore,
  createMemoryCheckpointStore,
  createProjectionRunner,
  statisticsProjection,
} from '../src/index.js';
import { recordedYear } from './workload.js';

const stores: [string, () => CheckpointStore][] = [
  ['in memory', createMemoryCheckpointStore],
  ['in the event store', () => createEventStoreCheckpointStore(createMemoryEventStore())],
];

describe.each(stores)('checkpoints %s', (_name, make) => {
  it('keep the last position with its state, and forget both on reset', async () => {
    const checkpoints = make();
    expect(await checkpoints.load('p')).toBeUndefined();
    await checkpoints.save('p', { position: '10', state: { count: 1 } });
    await checkpoints.save('p', { position: '20', state: { count: 2, nested: { list: [1, 2.5, 'å'] } } });
    expect(await checkpoints.load('p')).toEqual({
      position: '20',
      state: { count: 2, nested: { list: [1, 2.5, 'å'] } },
    });
    await checkpoints.save('other', { position: '5' });
    expect(await checkpoints.load('other')).toEqual({ position: '5' });
    await checkpoints.reset('p');
    expect(await checkpoints.load('p')).toBeUndefined();
  });

  it('hold a state too large for one append (over 1 MiB of JSON)', async () => {
    const checkpoints = make();
    const state = {
      sheets: Array.from({ length: 6000 }, (_, index) => ({ index, padding: 'x'.repeat(300) })),
    };
    await checkpoints.save('big', { position: '99', state });
    expect(await checkpoints.load('big')).toEqual({ position: '99', state });
  });
});

describe('a runner whose checkpoints live in the same event store', () => {
  it('does not chase its own checkpoint events, and resumes from them', async () => {
    const { store, keys } = await recordedYear(91, 0.05);
    const checkpoints = createEventStoreCheckpointStore(store);
    const first = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints,
      checkpointKeys: keys,
      checkpointEvery: 200,
    });
    await first.start();
    await first.whenCaughtUp();
    const counted = [...first.state.sheets()].reduce((total, sheet) => total + sheet.tables.contacts, 0);
    await first.stop();
    const second = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints,
      checkpointKeys: keys,
      checkpointEvery: 200,
    });
    await second.start();
    await second.whenCaughtUp();
    expect([...second.state.sheets()].reduce((total, sheet) => total + sheet.tables.contacts, 0)).toBe(
      counted,
    );
    await second.stop();
  });
});
