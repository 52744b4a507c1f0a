import { type EventStore, isIntegrityError } from '@pinnstatistik/core';
import type * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { createMemoryEventStore } from '../src/index.js';
import { contact, right, voiding } from './sheet-fixture.js';
import { outcome, sheetUnderAttack } from './tampered-sheet.js';

// The attacker answers a read-back (a read with a limit, from a revision) from the start of the
// stream instead: genuine, verified events, each with a valid chain from genesis and a kept
// hash that matches — but not at the revisions asked for. The service must not take revision 0
// for the event it asked for.

function rewindingStore(inner: ReturnType<typeof createMemoryEventStore>) {
  let armed = false;
  const store: EventStore = {
    ...inner,
    readStream: (stream, options) => {
      if (armed && options?.limit !== undefined && (options.fromRevision ?? 0) > 0) {
        const until = (options.fromRevision as number) + options.limit;
        return inner.readStream(stream, { fromRevision: 0, limit: until });
      }
      return inner.readStream(stream, options);
    },
  };
  return { store, arm: () => (armed = true) };
}

describe('an attacker who answers a read-back from revision 0', () => {
  it('cannot make a retry of an old tally be decided (and counted) again', async () => {
    const { inner, service, receipts, arm } = await sheetUnderAttack(rewindingStore, 40);
    const fifth = receipts[4] as (typeof receipts)[number];
    arm();
    const size = inner.size;
    const again = await service.tally(contact(5)).catch((error: unknown) => error);
    if (!isIntegrityError(again)) expect(right(again as E.Either<{ code: string }, unknown>)).toEqual(fifth);
    expect(inner.size).toBe(size);
  });

  it('cannot make a voided tally be voided (and subtracted) a second time', async () => {
    const { inner, service, receipts, arm } = await sheetUnderAttack(rewindingStore, 40);
    // The sheet's first tally: read back from revision 0 honestly, its void from "revision 0" too.
    const fifth = receipts[0] as (typeof receipts)[number];
    expect(fifth.revision).toBe(0);
    right(await service.tally(voiding(1_000, fifth.tallyId)));
    arm();
    const size = inner.size;
    const again = await service.tally(voiding(1_001, fifth.tallyId)).catch((error: unknown) => error);
    expect(['TALLY_ALREADY_VOIDED', 'integrity error']).toContain(outcome(again));
    expect(inner.size).toBe(size);
  });

  it('cannot make a void of a real tally be refused as not found', async () => {
    const { service, receipts, arm } = await sheetUnderAttack(rewindingStore, 40);
    const tenth = receipts[9] as (typeof receipts)[number];
    arm();
    const result = await service.tally(voiding(1_000, tenth.tallyId)).catch((error: unknown) => error);
    expect(['written', 'integrity error']).toContain(outcome(result));
  });
});
