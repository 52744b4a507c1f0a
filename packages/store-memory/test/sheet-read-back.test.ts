import { createCommandService } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { clock, contact, right, serviceOn, voiding } from './sheet-fixture.js';

// The service keeps of a sheet where each tally and command is, not the tallies or their
// receipts: a retry or a void of an old tally reads it back from the store. What a user sees
// must not change — the same receipt for a retry, the same refusals, in this process and the next.

const TALLIES = 200;

async function busySheet() {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const service = await serviceOn(store, keys);
  const receipts = [];
  for (let n = 1; n <= TALLIES; n += 1) receipts.push(right(await service.tally(contact(n))));
  return { store, keys, service, receipts };
}

describe('a sheet of many tallies, its old ones read back from the store', () => {
  it('answers a retry of the first tally with its first receipt, and writes nothing', async () => {
    const { store, service, receipts } = await busySheet();
    const size = store.size;
    expect(right(await service.tally(contact(1)))).toEqual(receipts[0]);
    expect(right(await service.tally(contact(2)))).toEqual(receipts[1]);
    expect(store.size).toBe(size);
  });

  it('refuses an old command id sent again with other content', async () => {
    const { service } = await busySheet();
    const reused = await service.tally(contact(1, 'female'));
    expect(E.isLeft(reused) && reused.left.code).toBe('COMMAND_ID_REUSED');
  });

  it('voids the first tally once; a second void is refused, and so is a void of a tally never written', async () => {
    const { store, service, receipts } = await busySheet();
    const first = receipts[0] as (typeof receipts)[number];
    const voided = right(await service.tally(voiding(TALLIES + 1, first.tallyId)));
    expect(voided.revision).toBe(TALLIES);
    const again = await service.tally(voiding(TALLIES + 2, first.tallyId));
    expect(E.isLeft(again) && again.left.code).toBe('TALLY_ALREADY_VOIDED');
    const unknown = await service.tally(voiding(TALLIES + 3, '00000000-0000-4000-8000-00000000dead'));
    expect(E.isLeft(unknown) && unknown.left.code).toBe('TALLY_NOT_FOUND');
    // The void's own retry is answered with its receipt.
    expect(right(await service.tally(voiding(TALLIES + 1, first.tallyId)))).toEqual(voided);
    expect(store.size).toBeGreaterThan(TALLIES);
  });

  it('a second process, reading the sheet for the first time, answers the same', async () => {
    const { store, keys, service, receipts } = await busySheet();
    const middle = receipts[99] as (typeof receipts)[number];
    right(await service.tally(voiding(TALLIES + 1, middle.tallyId)));
    const other = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
    expect(right(await other.tally(contact(100)))).toEqual(middle);
    const again = await other.tally(voiding(TALLIES + 2, middle.tallyId));
    expect(E.isLeft(again) && again.left.code).toBe('TALLY_ALREADY_VOIDED');
    const last = receipts[TALLIES - 1] as (typeof receipts)[number];
    expect(right(await other.tally(voiding(TALLIES + 3, last.tallyId))).revision).toBe(TALLIES + 1);
  });
});
