import { fixedClock, readSealedPeriod } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { twoProcessesOnAFreshDatabase } from './two-processes.js';

// The command service keeps of a sheet where its tallies and commands are, not the tallies:
// a void, and a retry of a command older than the few receipts kept whole, read their event
// back. Held on a real database, with two processes: the answers are those of a service that
// kept everything — until the other process seals the month, after which such a command is
// refused SHEET_SEALED (never "not found", never decided and counted again).

const processesOn = twoProcessesOnAFreshDatabase();

const uuid = (n: number): string => `5ee70000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = fixedClock('2025-12-31T12:00:00Z');
const sheet = { interventionId: 'motesplats-uppsokande', unitId: 'motesplats' } as const;
const contact = (n: number) => ({
  type: 'TallyContact' as const,
  commandId: uuid(n),
  ...sheet,
  date: '2025-03-14',
  marks: { gender: n % 2 === 0 ? 'female' : 'male' },
});
const voiding = (n: number, tallyId: string) => ({
  type: 'VoidTally' as const,
  commandId: uuid(n),
  ...sheet,
  period: '2025-03',
  tallyId,
  reason: 'registered-by-mistake' as const,
});
const code = (result: E.Either<{ code: string }, unknown>) =>
  E.isLeft(result) ? result.left.code : 'written';
async function ok<T>(promise: Promise<E.Either<{ code: string }, T>>): Promise<T> {
  const result = await promise;
  if (E.isLeft(result)) throw new Error(result.left.code);
  return result.right;
}

describe('old tallies read back from PostgreSQL, by two processes, before and after a seal', () => {
  it('answers as a service that kept every tally, then refuses as sealed', async () => {
    const { here, elsewhere, store } = await processesOn({
      schema: 'sheet_read_back',
      clock,
      adoptedBy: uuid(0),
    });
    const receipts = [];
    for (let n = 1; n <= 60; n += 1)
      receipts.push(await ok((n % 2 === 0 ? here : elsewhere).tally(contact(n))));
    const first = receipts[0] as (typeof receipts)[number];
    // Retries of the oldest tallies, in both processes: the first receipt, nothing written.
    expect(await ok(here.tally(contact(1)))).toEqual(first);
    expect(await ok(elsewhere.tally(contact(2)))).toEqual(receipts[1]);
    expect(code(await here.tally({ ...contact(3), marks: { gender: 'female' } }))).toBe('COMMAND_ID_REUSED');
    // One void of the oldest tally is written; the other process's is refused as already voided.
    const voids = await Promise.all([
      here.tally(voiding(100, first.tallyId)),
      elsewhere.tally(voiding(101, first.tallyId)),
    ]);
    expect(voids.map(code).sort()).toEqual(['TALLY_ALREADY_VOIDED', 'written']);
    expect(code(await here.tally(voiding(102, uuid(999))))).toBe('TALLY_NOT_FOUND');

    expect(
      E.isRight(await elsewhere.sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: '2025-03' })),
    ).toBe(true);
    const sealed = await readSealedPeriod(store, '2025-03');
    expect(
      sealed.sheets.find((candidate) => candidate.interventionId === sheet.interventionId)?.tables.contacts,
    ).toBe(59);
    // `here` still had the sheet: a void and an old retry meet the deleted stream.
    expect(code(await here.tally(voiding(103, (receipts[9] as (typeof receipts)[number]).tallyId)))).toBe(
      'SHEET_SEALED',
    );
    expect(code(await here.tally(contact(5)))).toBe('SHEET_SEALED');
    expect(code(await here.tally(contact(61)))).toBe('SHEET_SEALED');
  });
});
