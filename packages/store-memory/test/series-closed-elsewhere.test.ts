import {
  type CommandService,
  createCommandService,
  fixedClock,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

// The command service keeps open series folded between commands (a session no longer reads and
// decrypts the whole series again). The attacker here is a process that still holds a series
// in memory after another process closed it: its notes destroyed, its stream deleted, its key
// gone from the key store (this process's copy of the key is only rechecked every minute).
// Nothing the closing destroyed may be answered from what this process kept.

const uuid = (n: number): string => `c105ed00-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = fixedClock('2026-02-20T10:00:00Z');

async function twoProcesses(): Promise<{ here: CommandService; elsewhere: CommandService }> {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const make = () => createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
  const here = make();
  const adopted = await here.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(0),
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return { here, elsewhere: make() };
}

async function ok<T>(promise: Promise<E.Either<{ code: string }, T>>): Promise<T> {
  const result = await promise;
  if (E.isLeft(result)) throw new Error(result.left.code);
  return result.right;
}

async function refusal(promise: Promise<E.Either<{ code: string }, unknown>>): Promise<string> {
  const result = await promise;
  return E.isLeft(result) ? result.left.code : 'ANSWERED';
}

const marks = {
  gender: 'female',
  childAges: [7, 4],
  numberOfChildren: 2,
  problemArea: 'parenting',
  routeIn: 'school',
  furtherAction: 'none',
};
const NOTE = 'Fortsätt med sömnrutiner nästa gång.';

async function seriesWithNote(here: CommandService): Promise<string> {
  const { token } = await ok(
    here.openSeries({
      type: 'OpenSeries',
      commandId: uuid(1),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    }),
  );
  await ok(
    here.recordSession({ type: 'RecordSession', commandId: uuid(2), token, date: '2026-02-18', marks }),
  );
  await ok(here.writeNote({ type: 'WriteNote', commandId: uuid(3), token, text: NOTE }));
  // Read here: this process now holds the series, note included, folded in memory.
  expect(await ok(here.readNotes({ token }))).toEqual([{ text: NOTE, writtenOn: '2026-02-20' }]);
  return token;
}

describe('a series this process holds, closed by another process', () => {
  it('answers none of its destroyed notes', async () => {
    const { here, elsewhere } = await twoProcesses();
    const token = await seriesWithNote(here);
    const closed = await ok(
      elsewhere.closeSeries({ type: 'CloseSeries', commandId: uuid(4), token, reason: 'completed' }),
    );
    expect(closed.notesDestroyed).toBe(1);
    expect(await refusal(here.readNotes({ token }))).toBe('SERIES_CLOSED');
  });

  it('records no further session or note on it', async () => {
    const { here, elsewhere } = await twoProcesses();
    const token = await seriesWithNote(here);
    await ok(elsewhere.closeSeries({ type: 'CloseSeries', commandId: uuid(4), token, reason: 'completed' }));
    expect(
      await refusal(
        here.recordSession({
          type: 'RecordSession',
          commandId: uuid(5),
          token,
          date: '2026-02-19',
          marks,
        }),
      ),
    ).toBe('SERIES_CLOSED');
    expect(
      await refusal(here.writeNote({ type: 'WriteNote', commandId: uuid(6), token, text: 'Ny tid.' })),
    ).toBe('SERIES_CLOSED');
  });

  it('still sees what another process added while the series is open', async () => {
    const { here, elsewhere } = await twoProcesses();
    const token = await seriesWithNote(here);
    await ok(
      elsewhere.writeNote({ type: 'WriteNote', commandId: uuid(7), token, text: 'Ring skolan om tid.' }),
    );
    expect((await ok(here.readNotes({ token }))).map((note) => note.text)).toEqual([
      NOTE,
      'Ring skolan om tid.',
    ]);
  });
});

describe('an OpenSeries retried after its series was closed', () => {
  it('is refused as closed, and makes no key for the closed series again', async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
    await ok(
      service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(0), catalogue: vaggerydCatalogue() }),
    );
    const open = {
      type: 'OpenSeries' as const,
      commandId: uuid(1),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    };
    const { token } = await ok(service.openSeries(open));
    await ok(service.closeSeries({ type: 'CloseSeries', commandId: uuid(2), token, reason: 'completed' }));
    const keysAfterClose = keys.size;
    expect(await refusal(service.openSeries(open))).toBe('SERIES_CLOSED');
    expect(keys.size).toBe(keysAfterClose);
  });
});
