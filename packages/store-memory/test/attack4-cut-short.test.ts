import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { droppingReads } from './dropping-reads.js';
import { contact, right, serviceOn, uuid, voiding } from './sheet-fixture.js';

// Catch-ups of a sheet cut short again and again (the connection drops after some rows):
// the kept hash prefixes and command revisions run ahead of the state kept, and the state is
// folded again from where it was. Voids and old retries read back afterwards must answer as
// the whole sheet in memory would.

const code = (answer: E.Either<{ code: string }, unknown>) =>
  E.isLeft(answer) ? answer.left.code : 'written';

describe('a sheet whose catch-ups are cut short, then voided and retried', () => {
  it('answers as the whole sheet in memory would', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const faults = { failures: 0, after: 3, step: 7 };
    const other = await serviceOn(inner, keys);
    const here = await serviceOn(droppingReads(inner, faults), keys, { maxUnavailableRetries: 10 });
    const receipts = new Map<number, unknown>();
    receipts.set(1, right(await here.tally(contact(1))));
    for (let n = 2; n <= 90; n += 1) receipts.set(n, right(await other.tally(contact(n))));
    right(await other.tally(voiding(1_000, uuid(40))));
    faults.failures = 4;
    expect(code(await here.tally(voiding(1_001, uuid(40))))).toBe('TALLY_ALREADY_VOIDED');
    expect(code(await here.tally(voiding(1_002, uuid(41))))).toBe('written');
    expect(code(await here.tally(voiding(1_003, uuid(41))))).toBe('TALLY_ALREADY_VOIDED');
    expect(right(await here.tally(contact(3)))).toEqual(receipts.get(3));
    expect(right(await here.tally(contact(88)))).toEqual(receipts.get(88));
    faults.failures = 3;
    expect(code(await here.tally(voiding(1_004, uuid(2))))).toBe('written');
    expect(code(await other.tally(voiding(1_005, uuid(2))))).toBe('TALLY_ALREADY_VOIDED');
    expect(code(await other.tally(voiding(1_006, uuid(41))))).toBe('TALLY_ALREADY_VOIDED');
  });
});
