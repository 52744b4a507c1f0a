import { type CommandService, fixedClock } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type TwoProcesses, twoProcessesOnAFreshDatabase } from './two-processes.js';

// Two command services on one PostgreSQL schema, each with its own pools — two processes. Open
// series are kept folded in memory between commands (33ea087) and a session writes on the
// series as it first read it (d2a9ec2). Held on a real database: a series this process holds,
// closed by the other, answers nothing and takes nothing; sessions from both processes at once
// never pass the series' limit (råd och stöd: 5) nor count one twice.

const processesOn = twoProcessesOnAFreshDatabase();

const uuid = (n: number): string => `9a5e5000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = fixedClock('2026-02-20T10:00:00Z');
const marks = {
  gender: 'female',
  childAges: [7],
  numberOfChildren: 1,
  problemArea: 'parenting',
  routeIn: 'school',
  furtherAction: 'none',
};
const NOTE = 'Fortsätt med sömnrutiner nästa gång.';

async function ok<T>(promise: Promise<E.Either<{ code: string }, T>>): Promise<T> {
  const result = await promise;
  if (E.isLeft(result)) throw new Error(result.left.code);
  return result.right;
}

async function answer(promise: Promise<E.Either<{ code: string }, unknown>>): Promise<unknown> {
  const result = await promise;
  return E.isLeft(result) ? result.left.code : 'ANSWERED';
}

let schemas = 0;
/** Two processes on a schema of their own. */
function twoProcessesOnce(): Promise<TwoProcesses> {
  schemas += 1;
  return processesOn({
    schema: `series_attack_${schemas}`,
    clock,
    adoptedBy: uuid(0),
    maxConflictRetries: 60,
  });
}

async function heldSeries(here: CommandService, elsewhere: CommandService, base: number): Promise<string> {
  const { token } = await ok(
    here.openSeries({
      type: 'OpenSeries',
      commandId: uuid(base),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    }),
  );
  await ok(
    elsewhere.recordSession({
      type: 'RecordSession',
      commandId: uuid(base + 1),
      token,
      date: '2026-02-02',
      marks,
    }),
  );
  await ok(elsewhere.writeNote({ type: 'WriteNote', commandId: uuid(base + 2), token, text: NOTE }));
  expect(await ok(here.readNotes({ token }))).toEqual([{ text: NOTE, writtenOn: '2026-02-20' }]);
  return token;
}

describe('PostgreSQL: a series held in memory by one process', () => {
  it('closed by the other, answers none of its notes and takes no session or note', async () => {
    const { here, elsewhere } = await twoProcessesOnce();
    const token = await heldSeries(here, elsewhere, 100);
    const closed = await ok(
      elsewhere.closeSeries({ type: 'CloseSeries', commandId: uuid(110), token, reason: 'completed' }),
    );
    expect(closed).toMatchObject({ contacts: 1, notesDestroyed: 1 });
    expect([
      await answer(here.readNotes({ token })),
      await answer(
        here.recordSession({ type: 'RecordSession', commandId: uuid(111), token, date: '2026-02-19', marks }),
      ),
      await answer(here.writeNote({ type: 'WriteNote', commandId: uuid(112), token, text: 'Ny tid.' })),
    ]).toEqual(['SERIES_CLOSED', 'SERIES_CLOSED', 'SERIES_CLOSED']);
  });

  it('takes sessions from both processes at once up to its limit, each once', async () => {
    const { here, elsewhere, store } = await twoProcessesOnce();
    const token = await heldSeries(here, elsewhere, 200);
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, n) =>
        (n % 2 === 0 ? here : elsewhere).recordSession({
          type: 'RecordSession',
          commandId: uuid(300 + (n % 8)),
          token,
          date: `2026-02-${String(3 + (n % 8)).padStart(2, '0')}`,
          marks,
        }),
      ),
    );
    const refused = answers.filter(E.isLeft).map((refusal) => refusal.left.code);
    expect(new Set(refused)).toEqual(new Set(['SERIES_LIMIT_REACHED']));
    const recorded = new Set(answers.filter(E.isRight).map((receipt) => receipt.right.tallyId));
    expect(recorded.size).toBe(4);
    const closed = await ok(
      here.closeSeries({ type: 'CloseSeries', commandId: uuid(310), token, reason: 'completed' }),
    );
    expect(closed.contacts).toBe(5);
    let tallies = 0;
    for await (const event of store.readAll()) if (event.stream.startsWith('tally-2026-02-')) tallies += 1;
    expect(tallies).toBe(5 + 1); // five sessions' tallies and the series' end
  });
});
