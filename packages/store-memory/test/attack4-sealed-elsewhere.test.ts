import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { contact, right, serviceOn, uuid, voiding } from './sheet-fixture.js';

// Two processes on one store: one seals March while the other still has the month's sheet
// (and its key, until its recheck) cached. The sheet's detail stream is deleted by the seal.
// A void the other process takes next met the deletion when it appended: SHEET_SEALED. It now
// reads the tally back first — from a stream that is gone — and must not answer that the
// tally was never there.

async function sealedElsewhere() {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const writer = await serviceOn(store, keys);
  const sealer = await serviceOn(store, keys);
  const receipts = [];
  for (let n = 1; n <= 100; n += 1) receipts.push(right(await writer.tally(contact(n))));
  const sealed = await sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(5_000), period: '2025-03' });
  expect(E.isRight(sealed)).toBe(true);
  return { writer, receipts };
}

const code = (result: E.Either<{ code: string }, unknown>) => (E.isLeft(result) ? result.left.code : 'written');

describe('a void in a process that still has a sheet another process sealed', () => {
  it('is refused as sealed, not as a tally never tallied', async () => {
    const { writer, receipts } = await sealedElsewhere();
    const fifth = receipts[4] as (typeof receipts)[number];
    expect(code(await writer.tally(voiding(1_000, fifth.tallyId)))).toBe('SHEET_SEALED');
  });

  it('a retry of an old tally is answered as a retry of a recent one is', async () => {
    const { writer, receipts } = await sealedElsewhere();
    // Command 100 is among the receipts kept whole, command 5 is not: both were counted in the seal.
    const recent = code(await writer.tally(contact(100)));
    const old = code(await writer.tally(contact(5)));
    expect(old).toBe(recent);
    void receipts;
  });
});
