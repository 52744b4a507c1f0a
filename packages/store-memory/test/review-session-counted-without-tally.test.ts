// Review: a session whose command id was used by a bare tally on another sheet of the same
// month. Event ids on a month's detail stream are keyed by (period key, command id, index) only,
// so the session's tally gets the bare tally's event id; on the month's one shared stream the
// memory store takes it as a retry and writes nothing for it, while the same atomic batch writes
// the session on the series. The series then counts a contact no sheet holds, and the session
// is answered COMMAND_ID_REUSED (it was "recorded" on the series, its tally refused).
// Invariant checked: a series' contacts = its sessions' tallies on its sheet.
// (With one stream a sheet — core at 5419be0^ — the same script passes: both are written.)
import { createCommandService, fixedClock, readSealedPeriod, vaggerydCatalogue } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { SESSION_MARKS } from './series-fixture.js';

const uuid = (n: number): string => `00000000-0000-4000-8000-8${String(n).padStart(11, '0')}`;

describe('review: a session reusing a bare tally’s command id on another sheet of the month', () => {
  it('is counted by its series only if its tally is on its sheet', async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const make = (at: string) =>
      createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: fixedClock(at) });
    const service = make('2026-02-20T10:00:00Z');
    await service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(0),
      catalogue: vaggerydCatalogue(),
    });
    const opened = await service.openSeries({
      type: 'OpenSeries',
      commandId: uuid(1),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    });
    if (E.isLeft(opened)) throw new Error(opened.left.code);
    const { token } = opened.right;
    const id = uuid(500);
    const bare = await service.tally({
      type: 'TallyContact',
      commandId: id,
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2026-02-03',
      marks: { gender: 'male' },
    });
    expect(E.isRight(bare)).toBe(true);
    const session = await service.recordSession({
      type: 'RecordSession',
      commandId: id,
      token,
      date: '2026-02-03',
      marks: SESSION_MARKS,
    });
    console.log('session:', E.isLeft(session) ? session.left.code : 'written');
    const closed = await service.closeSeries({
      type: 'CloseSeries',
      commandId: uuid(900),
      token,
      reason: 'completed',
    });
    if (E.isLeft(closed)) throw new Error(closed.left.code);
    const sealed = await make('2026-03-20T10:00:00Z').sealPeriod({
      type: 'SealPeriod',
      commandId: uuid(901),
      period: '2026-02',
    });
    expect(E.isRight(sealed)).toBe(true);
    const rad = (await readSealedPeriod(store, '2026-02')).sheets.find(
      (sheet) => sheet.interventionId === 'rad-och-stod',
    );
    console.log(
      'series contacts:',
      closed.right.contacts,
      'rad-och-stod sheet:',
      JSON.stringify(rad?.tables.contacts),
      JSON.stringify(rad?.tables.seriesLengths),
    );
    // The series' count and its sheet agree; a refused session is not counted.
    expect(rad?.tables.contacts ?? 0).toBe(closed.right.contacts);
    if (E.isLeft(session)) expect(closed.right.contacts).toBe(0);
  });
});
