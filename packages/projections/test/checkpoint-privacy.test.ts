import { type JsonValue, openEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import {
  createEventStoreCheckpointStore,
  createProjectionRunner,
  type Projection,
  type StatisticsCube,
  statisticsProjection,
} from '../src/index.js';
import { recordedYear, uuid } from './workload.js';

type Store = Parameters<typeof createEventStoreCheckpointStore>[0];

/** The sheets (coordinates with tables) an attacker reads in clear from the checkpoint streams of a projection. */
async function sheetsInClear(store: Store, name: string): Promise<{ period: string }[]> {
  const parts = new Map<string, string[]>();
  for (const event of await collect(store.readAll())) {
    if (!event.stream.startsWith(`checkpoint-${name}-`)) continue;
    const opened = openEvent(event);
    if (!opened.readable || opened.type !== 'CheckpointChunk') continue;
    parts.set(event.stream, [...(parts.get(event.stream) ?? []), (opened.data as { part: string }).part]);
  }
  const found: { period: string }[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const candidate = value as { period?: unknown; tables?: unknown; interventionId?: unknown };
    if (
      typeof candidate.period === 'string' &&
      candidate.tables !== undefined &&
      candidate.interventionId !== undefined
    )
      found.push({ period: candidate.period });
    for (const item of Object.values(value)) walk(item);
  };
  for (const chunks of parts.values()) walk(JSON.parse(chunks.join('')) as JsonValue);
  return found;
}

/** The weak version: the cube's own snapshot, open sheets and all, saved as it is. */
function plainSnapshots(projection: Projection<StatisticsCube>): Projection<StatisticsCube> {
  return { ...projection, snapshot: (cube) => cube.snapshot() as unknown as JsonValue };
}

describe('projection checkpoints in the event store', () => {
  it('hold no open period’s tables in clear, and keep no superseded state', async () => {
    const { store, keys, make } = await recordedYear(95, 0.05, '2026-01-10T10:00:00Z');
    const sealed = await make().sealPeriod({ type: 'SealPeriod', commandId: uuid(), period: '2025-01' });
    expect(sealed._tag).toBe('Right');

    const weak = createProjectionRunner({
      store,
      projection: plainSnapshots(statisticsProjection({ keys, name: 'weak' })),
      checkpoints: createEventStoreCheckpointStore(store),
      checkpointKeys: keys,
      checkpointEvery: 100,
    });
    await weak.start();
    await weak.whenCaughtUp();
    await weak.stop();
    const weakSheets = await sheetsInClear(store, 'weak');
    expect(
      weakSheets.filter((sheet) => sheet.period !== '2025-01').length,
      'the attack reads open months’ tables from plain checkpoints',
    ).toBeGreaterThan(100);

    const runner = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys, name: 'statistics' }),
      checkpoints: createEventStoreCheckpointStore(store),
      checkpointKeys: keys,
      checkpointEvery: 100,
    });
    await runner.start();
    await runner.whenCaughtUp();
    await runner.stop();
    const sheets = await sheetsInClear(store, 'statistics');
    expect(
      sheets.filter((sheet) => sheet.period !== '2025-01'),
      'no open month’s tables in clear',
    ).toEqual([]);
    expect(sheets.length, 'the sealed month, public anyway, is kept in clear').toBeGreaterThan(0);
    const events = (await collect(store.readAll())).filter((event) =>
      event.stream.startsWith('checkpoint-statistics'),
    );
    const stateStreams = new Set(
      events.map((event) => event.stream).filter((stream) => /-\d+(-[0-9a-f]{32})?$/.test(stream)),
    );
    expect(stateStreams.size, 'only the latest state is kept; superseded ones are deleted').toBe(1);
  });
});
