import { type EventStore, isIntegrityError, readSealedPeriod } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { createMemoryEventStore } from '../src/index.js';
import { contact, right, uuid, voiding } from './sheet-fixture.js';
import { outcome, sheetUnderAttack } from './tampered-sheet.js';

// The attacker can rewrite the store under a running service, after it verified a sheet: here
// they remove the sheet's newest events from what the store answers (the tail of the stream,
// as a truncation, or a rolled-back replica, shows it). The service verified those events and
// kept their hashes; a read-back that meets fewer events than it verified must report the
// tampering — not answer from the gap: a void "not found", a void of a voided tally decided
// (and counted) a second time, a retried tally decided again.

/** A store whose reads of one stream end before revision `cut`, once armed (appends go through). */
function truncatingStore(inner: ReturnType<typeof createMemoryEventStore>) {
  let cut: { stream: string; at: number } | undefined;
  const store: EventStore = {
    ...inner,
    readStream: async function* (stream, options) {
      for await (const event of inner.readStream(stream, options)) {
        if (cut !== undefined && stream === cut.stream && event.revision >= cut.at) return;
        yield event;
      }
    },
  };
  return { store, arm: (stream: string, at: number) => (cut = { stream, at }) };
}

describe('an attacker who hides the newest events of a sheet the service has verified', () => {
  it('cannot make a voided tally be voided (and subtracted) a second time', async () => {
    const { inner, service, receipts, arm } = await sheetUnderAttack(truncatingStore, 100);
    const fifth = receipts[4] as (typeof receipts)[number];
    const voided = right(await service.tally(voiding(1_000, fifth.tallyId)));
    arm(fifth.stream, voided.revision);
    const size = inner.size;
    const again = await service.tally(voiding(1_001, fifth.tallyId)).catch((error: unknown) => error);
    // In memory the sheet knew the tally voided: TALLY_ALREADY_VOIDED; reading back, only a report will do.
    expect(['TALLY_ALREADY_VOIDED', 'integrity error']).toContain(outcome(again));
    expect(inner.size).toBe(size);
  });

  it('cannot make a void of the newest tally be refused as not found', async () => {
    const { service, receipts, arm } = await sheetUnderAttack(truncatingStore, 100);
    const last = receipts[99] as (typeof receipts)[number];
    arm(last.stream, last.revision);
    const failure = await service.tally(voiding(1_000, last.tallyId)).catch((error: unknown) => error);
    // In memory the sheet held the tally: the void was written; reading back, only a report will do.
    expect(['written', 'integrity error']).toContain(outcome(failure));
  });

  it('cannot make a retry of an old tally be decided again', async () => {
    const { inner, service, receipts, arm } = await sheetUnderAttack(truncatingStore, 100);
    const fifth = receipts[4] as (typeof receipts)[number];
    arm(fifth.stream, fifth.revision);
    const size = inner.size;
    // Command 5 is older than the receipts kept whole: its retry reads it back.
    const failure = await service.tally(contact(5)).catch((error: unknown) => error);
    // In memory the receipt was kept: the retry was answered with it; reading back, only a report will do.
    if (isIntegrityError(failure)) expect(inner.size).toBe(size);
    else expect(right(failure as E.Either<{ code: string }, unknown>)).toEqual(fifth);
    expect(inner.size).toBe(size);
  });
});

// What the double void does to the month: the voided tally is subtracted twice from its tables.
describe('a sheet voided twice by the hidden-tail attack, sealed', () => {
  it('is not counted one contact short', async () => {
    const { inner, service, receipts, arm } = await sheetUnderAttack(truncatingStore, 100);
    const fifth = receipts[4] as (typeof receipts)[number];
    const voided = right(await service.tally(voiding(1_000, fifth.tallyId)));
    arm(fifth.stream, voided.revision);
    await service.tally(voiding(1_001, fifth.tallyId)).catch(() => undefined);
    arm('', 0);
    const sealed = await service.sealPeriod({
      type: 'SealPeriod',
      commandId: uuid(5_000),
      period: '2025-03',
    });
    expect(E.isRight(sealed)).toBe(true);
    const record = await readSealedPeriod(inner, '2025-03');
    const counted = record.sheets.reduce((sum, sheet) => sum + (sheet.tables.contacts as number), 0);
    expect(counted).toBe(99);
  });
});
