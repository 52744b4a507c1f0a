import { createCommandService, type EventStore } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { clock, contact, right, serviceOn, uuid, voiding } from './sheet-fixture.js';

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
  // The third tally voided early on: that void is as old as the receipts kept whole go.
  right(await writer.tally(voiding(2_000, (receipts[2] as (typeof receipts)[number]).tallyId)));
  for (let n = 101; n <= 170; n += 1) receipts.push(right(await writer.tally(contact(n))));
  const sealed = await sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(5_000), period: '2025-03' });
  expect(E.isRight(sealed)).toBe(true);
  return { writer, store, keys, receipts };
}

const code = (result: E.Either<{ code: string }, unknown>) =>
  E.isLeft(result) ? result.left.code : 'written';

describe('a void in a process that still has a sheet another process sealed', () => {
  it('is refused as sealed, not as a tally never tallied', async () => {
    const { writer, receipts } = await sealedElsewhere();
    const fifth = receipts[4] as (typeof receipts)[number];
    expect(code(await writer.tally(voiding(1_000, fifth.tallyId)))).toBe('SHEET_SEALED');
  });

  // The service keeps whole only the newest receipts of a sheet; an older command's receipt is
  // read back from the stream, which the seal deleted. Such a retry is answered as a process
  // that had not kept the sheet answers any retry on a sealed month: SHEET_SEALED (the seal
  // counted it) — never as a command never written, never decided again.
  it('a retry of an old tally is refused as sealed, as in a process that never kept the sheet', async () => {
    const { writer, store, keys, receipts } = await sealedElsewhere();
    expect(code(await writer.tally(contact(5)))).toBe('SHEET_SEALED');
    const fresh = createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock,
    });
    expect(code(await fresh.tally(contact(5)))).toBe('SHEET_SEALED');
    expect(code(await fresh.tally(contact(170)))).toBe('SHEET_SEALED');
    expect(receipts).toHaveLength(170);
  });

  it('a retry of an old void, written and counted, is refused as sealed, not as a void of nothing', async () => {
    const { writer, receipts } = await sealedElsewhere();
    const third = receipts[2] as (typeof receipts)[number];
    expect(code(await writer.tally(voiding(2_000, third.tallyId)))).toBe('SHEET_SEALED');
  });
});

describe('a void in flight when another process seals its month', () => {
  it('is refused as sealed, not as a tally never tallied', async () => {
    const inner = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    let sheetClosed: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (sheetClosed = resolve));
    // The sealing process: its close of the sheet lets the void's append go on.
    const sealer = await serviceOn(
      {
        ...inner,
        append: async (stream, events, options) => {
          const result = await inner.append(stream, events, options);
          if (stream.startsWith('tally-')) sheetClosed();
          return result;
        },
      } as EventStore,
      keys,
    );
    let armed = false;
    let sealing: Promise<unknown> | undefined;
    // The voiding process: its append meets the sheet closed (a conflict), and its retry comes
    // after the seal has finished — as a conflict's backoff allows.
    const writer = createCommandService({
      store: {
        ...inner,
        append: async (stream, events, options) => {
          if (!armed || !stream.startsWith('tally-')) return inner.append(stream, events, options);
          armed = false;
          sealing = sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(5_000), period: '2025-03' });
          await closed;
          const result = await inner.append(stream, events, options);
          await sealing;
          return result;
        },
      } as EventStore,
      keys,
      catalogueId: 'vaggeryd',
      clock,
    });
    const receipts = [];
    for (let n = 1; n <= 10; n += 1) receipts.push(right(await writer.tally(contact(n))));
    armed = true;
    const answer = await writer.tally(voiding(1_000, (receipts[4] as (typeof receipts)[number]).tallyId));
    expect(E.isRight(await (sealing as Promise<E.Either<unknown, unknown>>))).toBe(true);
    expect(code(answer)).toBe('SHEET_SEALED');
  });
});
