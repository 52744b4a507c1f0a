import { type ContactTallied, type SheetTables, vaggerydCatalogue } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { describe, expect, it } from 'vitest';
import {
  createMemoryCheckpointStore,
  createProjectionRunner,
  createStatisticsCube,
  replay,
  type StatisticsCube,
  statisticsProjection,
} from '../src/index.js';
import { type NaiveCounts, recordedYear, uuid } from './workload.js';

/** The cube's numbers in the shape of the naive recount. */
function countsOf(cube: StatisticsCube): NaiveCounts {
  const counts: NaiveCounts = {
    contacts: new Map(),
    marks: new Map(),
    visitors: new Map(),
    participants: new Map(),
    meetings: new Map(),
  };
  const add = (map: Map<string, number>, key: string, by: number): void => {
    if (by !== 0) map.set(key, (map.get(key) ?? 0) + by);
  };
  const sum = (values: Readonly<Record<string, number>>): number =>
    Object.values(values).reduce((a, b) => a + b, 0);
  for (const sheet of cube.sheets()) {
    const key = `${sheet.interventionId}|${sheet.period}`;
    const tables: SheetTables = sheet.tables;
    add(counts.contacts, key, tables.contacts);
    for (const [dimension, cells] of Object.entries(tables.marginals)) {
      for (const [value, cell] of Object.entries(cells))
        add(counts.marks, `${key}|${dimension}=${value}`, cell);
    }
    add(counts.visitors, key, sum(tables.visitors));
    add(counts.meetings, key, tables.groupMeetings);
    add(counts.participants, key, sum(tables.participants.adults) + sum(tables.participants.children));
  }
  return counts;
}

const withoutZeros = (map: Map<string, number>): Map<string, number> =>
  new Map([...map].filter(([, value]) => value !== 0));
const same = (actual: NaiveCounts, expected: NaiveCounts): void => {
  for (const name of ['contacts', 'marks', 'visitors', 'participants', 'meetings'] as const) {
    expect(withoutZeros(actual[name]), name).toEqual(withoutZeros(expected[name]));
  }
};

describe('the statistics cube', () => {
  it.each([11, 12, 13])('equals a naive recount of what was recorded (seed %i)', async (seed) => {
    const { store, keys, naive } = await recordedYear(seed);
    const { state } = await replay(store, statisticsProjection({ keys }));
    same(countsOf(state), naive);
  });

  it('gives the same numbers from sealed tables as from open detail, and after the keys are gone', async () => {
    const { store, keys, make, naive } = await recordedYear(21);
    const live = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints: createMemoryCheckpointStore(),
      checkpointKeys: keys,
    });
    await live.start();
    await live.whenCaughtUp();
    same(countsOf(live.state), naive);
    const later = make('2026-03-01T10:00:00Z');
    // Every month of the year, and the month the recording's clock stood in (its registry holds the series opened).
    for (let month = 1; month <= 13; month += 1) {
      const sealed = await later.sealPeriod({
        type: 'SealPeriod',
        commandId: uuid(),
        period: month === 13 ? '2026-01' : `2025-${String(month).padStart(2, '0')}`,
      });
      expect(sealed._tag).toBe('Right');
    }
    await live.whenCaughtUp();
    same(countsOf(live.state), naive); // a live projection seeing sheets sealed keeps its numbers
    expect([...live.state.sheets()].every((sheet) => sheet.sealed)).toBe(true);
    await live.stop();
    const { state } = await replay(store, statisticsProjection({ keys }));
    expect(state.undecryptable, 'the detail is deleted: nothing undecryptable is even read').toBe(0);
    const left = await collect(store.readAll());
    expect(left.filter((event) => /^(tally|registry)-/.test(event.stream))).toEqual([]);
    same(countsOf(state), naive);
  });

  it('resumes after a crash from its checkpoint without double-counting', async () => {
    const { store, keys, naive } = await recordedYear(31);
    const checkpoints = createMemoryCheckpointStore();
    const projection = statisticsProjection({ keys });
    const first = createProjectionRunner({
      store,
      projection,
      checkpoints,
      checkpointKeys: keys,
      checkpointEvery: 97,
    });
    // The process dies mid-replay: the runner stops wherever it is, without a last checkpoint.
    let applied = 0;
    const dying = {
      ...projection,
      apply: async (state: StatisticsCube, event: Parameters<typeof projection.apply>[1]) => {
        applied += 1;
        if (applied === 500) throw new Error('the process died');
        return projection.apply(state, event);
      },
    };
    const crashing = createProjectionRunner({
      store,
      projection: dying,
      checkpoints,
      checkpointKeys: keys,
      checkpointEvery: 97,
    });
    await crashing.start().catch(() => undefined);
    await crashing.stop().catch(() => undefined);
    const saved = await checkpoints.load('statistics');
    expect(saved?.position).toBeDefined();
    void first;
    const resumed = createProjectionRunner({
      store,
      projection,
      checkpoints,
      checkpointKeys: keys,
      checkpointEvery: 97,
    });
    await resumed.start();
    await resumed.whenCaughtUp();
    same(countsOf(resumed.state), naive);
    await resumed.stop();
  });

  it('rebuilt from zero equals the live state', async () => {
    const { store, keys, service, naive } = await recordedYear(41, 0.08);
    const runner = createProjectionRunner({
      store,
      projection: statisticsProjection({ keys }),
      checkpoints: createMemoryCheckpointStore(),
      checkpointKeys: keys,
    });
    await runner.start();
    const extra = await service.tally({
      type: 'TallyContact',
      commandId: '99000000-0000-4000-8000-000000000001',
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2025-12-01',
      marks: { gender: 'other' },
    });
    expect(extra._tag).toBe('Right');
    await runner.whenCaughtUp();
    const live = countsOf(runner.state);
    expect(live.marks.get('motesplats-uppsokande|2025-12|gender=other')).toBe(
      (naive.marks.get('motesplats-uppsokande|2025-12|gender=other') ?? 0) + 1,
    );
    await runner.rebuild();
    await runner.whenCaughtUp();
    same(countsOf(runner.state), live);
    await runner.stop();
  });

  it('travels in time: as of a position, and as of a date', async () => {
    const { store, keys, naive } = await recordedYear(51, 0.08);
    const projection = statisticsProjection({ keys });
    const all = await replay(store, projection);
    // Positions of deleted streams (closed series) are never reused: take a real one.
    const positions = (await collect(store.readAll())).map((event) => event.position);
    const middle = Math.floor(all.events / 2);
    const halfway = await replay(store, projection, { asOf: { position: positions[middle - 1] as string } });
    expect(halfway.events).toBe(middle);
    const juneOnwards = (map: Map<string, number>) =>
      [...map].filter(([key]) => (key.split('|')[1] ?? '') > '2025-06');
    const midYear = await replay(store, projection, { asOf: { date: '2025-06-30' } });
    const counted = countsOf(midYear.state);
    expect(juneOnwards(counted.contacts)).toEqual([]);
    expect([...withoutZeros(counted.contacts)]).toEqual(
      [...withoutZeros(naive.contacts)].filter(([key]) => (key.split('|')[1] ?? '') <= '2025-06'),
    );
  });
});

describe('the statistics cube’s cross-tabulations', () => {
  it('count a version’s pairs from the moment its catalogue is adopted, even for a sheet that met the version before', () => {
    const cube = createStatisticsCube();
    const tally = (): ContactTallied => ({
      type: 'ContactTallied',
      data: {
        interventionId: 'familjecentral-enskilda-samtal',
        unitId: 'familjecentralen',
        period: '2025-03',
        tallyId: uuid(),
        catalogueVersion: vaggerydCatalogue().version,
        marks: { gender: 'female', adultAge: '25-29' },
      },
    });
    const crossTabulated = () =>
      [...cube.sheets()]
        .flatMap((sheet) => Object.values(sheet.tables.crossTabulations))
        .flatMap((cells) => Object.values(cells))
        .reduce((total, count) => total + count, 0);
    // A tally of a version not adopted yet (a log read from the middle) has no pairs to count.
    cube.applyDetail(tally());
    expect(crossTabulated()).toBe(0);
    cube.adoptCatalogue(vaggerydCatalogue());
    cube.applyDetail(tally());
    expect(crossTabulated()).toBe(1);
  });
});
