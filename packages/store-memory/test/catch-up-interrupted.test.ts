import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { droppingReads } from './dropping-reads.js';
import { contact, serviceOn } from './sheet-fixture.js';

// A read of a sheet that fails half-way (the connection drops after some rows) is retried
// from where the cache was: the receipts it had begun to extend must not count an event twice.

describe('a sheet read interrupted half-way, then retried', () => {
  it('answers a repeated command with the receipt it got first (each event id once)', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const faults = { failures: 0, after: 1 };
    const other = await serviceOn(inner, keys);
    const here = await serviceOn(droppingReads(inner, faults), keys);
    expect(E.isRight(await here.tally(contact(1)))).toBe(true); // `here` caches the sheet
    const first = await other.tally(contact(2));
    expect(E.isRight(await other.tally(contact(3)))).toBe(true);
    faults.failures = 1;
    const repeated = await here.tally(contact(2));
    expect(faults.failures).toBe(0);
    expect(repeated).toEqual(first);
  });
});
