// Review: a series' sessions and its end share the month's one detail stream with bare tallies
// of other sheets; the seal must put each on its own sheet, and the cube must agree.
import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  readSealedPeriod,
  seededRandom,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { auditLog, replay, statisticsProjection } from '@pinnstatistik/projections';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { SESSION_MARKS } from './series-fixture.js';

let counter = 0;
const uuid = (): string => {
  counter += 1;
  return `40d70000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};
/** A bare tally on another sheet of the series' month. */
const outreach = () => ({
  type: 'TallyContact' as const,
  commandId: uuid(),
  interventionId: 'motesplats-uppsokande',
  unitId: 'motesplats',
  date: '2026-01-06',
  marks: { gender: 'male' },
});
const code = (result: E.Either<{ code: string }, unknown>) =>
  E.isLeft(result) ? result.left.code : 'written';

function world() {
  const base = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const make = (at: string, store: EventStore = base): CommandService =>
    createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock(at),
      random: seededRandom(9),
    });
  return { base, keys, make };
}

async function january(make: (at: string) => CommandService) {
  const service = make('2026-01-20T10:00:00Z');
  await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(), catalogue: vaggerydCatalogue() });
  const opened = await service.openSeries({
    type: 'OpenSeries',
    commandId: uuid(),
    interventionId: 'rad-och-stod',
    unitId: 'motesplats',
  });
  if (E.isLeft(opened)) throw new Error(opened.left.code);
  const { token } = opened.right;
  for (const date of ['2026-01-05', '2026-01-12'])
    expect(
      code(
        await service.recordSession({
          type: 'RecordSession',
          commandId: uuid(),
          token,
          date,
          marks: SESSION_MARKS,
        }),
      ),
    ).toBe('written');
  expect(code(await service.tally(outreach()))).toBe('written');
  return token;
}

const sealedLengths = async (store: EventStore) =>
  Object.fromEntries(
    (await readSealedPeriod(store, '2026-01')).sheets.map((sheet) => [
      sheet.interventionId,
      { contacts: sheet.tables.contacts, seriesLengths: sheet.tables.seriesLengths },
    ]),
  );

describe('review: a series on the month’s one detail stream', () => {
  it('seals its sessions and its end on its own sheet', async () => {
    const { base, keys, make } = world();
    const token = await january(make);
    const closer = make('2026-01-25T10:00:00Z');
    const closed = await closer.closeSeries({
      type: 'CloseSeries',
      commandId: uuid(),
      token,
      reason: 'completed',
    });
    expect(E.isRight(closed) && closed.right.contacts).toBe(2);
    expect(
      code(
        await make('2026-02-20T10:00:00Z').sealPeriod({
          type: 'SealPeriod',
          commandId: uuid(),
          period: '2026-01',
        }),
      ),
    ).toBe('written');
    expect(await sealedLengths(base)).toEqual({
      'rad-och-stod': { contacts: 2, seriesLengths: { '2': 1 } },
      'motesplats-uppsokande': { contacts: 1, seriesLengths: {} },
    });
    const { state: cube } = await replay(base, statisticsProjection({ keys }));
    const rad = [...cube.sheets()].find((sheet) => sheet.interventionId === 'rad-och-stod');
    expect(rad?.tables.seriesLengths).toEqual({ '2': 1 });
    const audit = await auditLog(base, { keys, today: '2026-02-21' });
    expect(audit.findings).toEqual([]);
  });

  it('audits an open month holding several sheets and a series as clean, and its cube as the seal will', async () => {
    const { base, keys, make } = world();
    const token = await january(make);
    await make('2026-01-25T10:00:00Z').closeSeries({
      type: 'CloseSeries',
      commandId: uuid(),
      token,
      reason: 'completed',
    });
    const audit = await auditLog(base, { keys, today: '2026-01-26' });
    expect(audit.findings).toEqual([]);
    const { state: cube } = await replay(base, statisticsProjection({ keys }));
    const open = Object.fromEntries(
      [...cube.sheets()].map((sheet) => [
        sheet.interventionId,
        [sheet.tables.contacts, sheet.tables.seriesLengths],
      ]),
    );
    expect(open).toEqual({ 'rad-och-stod': [2, { '2': 1 }], 'motesplats-uppsokande': [1, {}] });
  });

  it('answers a session retried after other sheets’ tallies pushed it out of the kept receipts, and voids its tally only on its sheet', async () => {
    const { make } = world();
    const service = make('2026-01-20T10:00:00Z');
    await service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(),
      catalogue: vaggerydCatalogue(),
    });
    const opened = await service.openSeries({
      type: 'OpenSeries',
      commandId: uuid(),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    });
    if (E.isLeft(opened)) throw new Error(opened.left.code);
    const sessionInput = {
      type: 'RecordSession' as const,
      commandId: uuid(),
      token: opened.right.token,
      date: '2026-01-05',
      marks: SESSION_MARKS,
    };
    const first = await service.recordSession(sessionInput);
    expect(code(first)).toBe('written');
    for (let n = 0; n < 40; n += 1) expect(code(await service.tally(outreach()))).toBe('written');
    expect(await service.recordSession(sessionInput)).toEqual(first);
    expect(await make('2026-01-20T11:00:00Z').recordSession(sessionInput)).toEqual(first);
    const voidOn = (interventionId: string) =>
      make('2026-01-20T12:00:00Z').tally({
        type: 'VoidTally',
        commandId: uuid(),
        interventionId,
        unitId: 'motesplats',
        period: '2026-01',
        tallyId: sessionInput.commandId,
        reason: 'registered-by-mistake',
      });
    expect(code(await voidOn('motesplats-uppsokande'))).toBe('TALLY_NOT_FOUND');
    expect(code(await voidOn('rad-och-stod'))).toBe('written');
    expect(code(await voidOn('rad-och-stod'))).toBe('TALLY_ALREADY_VOIDED');
  });
});
