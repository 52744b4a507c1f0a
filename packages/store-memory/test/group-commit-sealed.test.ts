import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { answer, contact, serviceOn, uuid } from './sheet-fixture.js';

// A sheet sealed by another process while this one still knows it (its cache predates the
// seal): a batch that meets the deleted stream must answer each command as it would alone.

describe('a batch that meets a sheet sealed by another process', () => {
  it('answers a retried command with its receipt, as it would alone, and refuses the new ones', async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const sealer = await serviceOn(store, keys);
    const writer = await serviceOn(store, keys);
    const recorded = await writer.tally(contact(1));
    expect(E.isRight(recorded)).toBe(true);
    const sealed = await sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: '2025-03' });
    expect(E.isRight(sealed)).toBe(true);

    // The first goes alone; the retry of contact 1 and contact 3 queue behind it and share a batch.
    const together = (await Promise.all([2, 1, 3].map((n) => writer.tally(contact(n))))).map(answer);
    const alone = [];
    for (const n of [2, 1, 3]) alone.push(answer(await writer.tally(contact(n))));
    expect(alone[1]).toEqual(answer(recorded));
    expect(together).toEqual(alone);
  });
});
