import { type CommandService, readSealedPeriod } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { contact, serviceOn, uuid } from './sheet-fixture.js';

// A period sealed while tallies for one of its sheets are queued (and batched) in the writer:
// every tally answered as written must be in the sealed tables, every other one refused
// SHEET_SEALED — none counted without a receipt, none with a receipt left out.

async function race(
  sealer: CommandService,
  writer: CommandService,
  store: ReturnType<typeof createMemoryEventStore>,
) {
  expect(E.isRight(await writer.tally(contact(1)))).toBe(true);
  // Tallies go in three waves; the seal starts when the first wave is answered, while the
  // later waves are queued (and batched) behind the writes on their way.
  const answers: E.Either<{ code: string }, unknown>[] = [];
  const wave = (from: number, to: number) =>
    Promise.all(Array.from({ length: to - from + 1 }, (_, index) => writer.tally(contact(from + index))));
  const first = wave(2, 14);
  const rest = [wave(15, 27), wave(28, 40)];
  answers.push(...(await first));
  const seal = sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: '2025-03' });
  // More waves while the seal runs, one per turn of the event loop, until one is refused
  // because the sheet was closed: some land before the close, some after.
  let closed = false;
  const more: Promise<void>[] = [];
  for (let from = 41; !closed && from < 4_000; from += 4) {
    more.push(
      wave(from, from + 3).then((answered) => {
        answers.push(...answered);
        if (answered.some(E.isLeft)) closed = true;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const answered of await Promise.all(rest)) answers.push(...answered);
  await Promise.all(more);
  expect(E.isRight(await seal)).toBe(true);
  const codes = answers.map((answer) => (E.isRight(answer) ? 'written' : answer.left.code));
  expect(codes.filter((code) => code !== 'written' && code !== 'SHEET_SEALED')).toEqual([]);
  const written = 1 + codes.filter((code) => code === 'written').length;
  const sealed = await readSealedPeriod(store, '2025-03');
  const sheet = sealed.sheets.find(
    (candidate) => candidate.interventionId === 'motesplats-uppsokande' && candidate.unitId === 'motesplats',
  );
  expect(sheet?.tables.contacts).toBe(written);
  return { written, refused: codes.filter((code) => code === 'SHEET_SEALED').length, sent: answers.length };
}

describe('a period sealed while tallies for it are queued', () => {
  it('in the same process: the sealed tables count exactly the tallies answered as written', async () => {
    const store = createMemoryEventStore();
    const service = await serviceOn(store, createMemoryKeyStore());
    const outcome = await race(service, service, store);
    expect(outcome.written - 1 + outcome.refused).toBe(outcome.sent);
    // The close queues behind the waves already queued in this process: those are written, the later ones refused.
    expect(outcome.written).toBeGreaterThanOrEqual(40);
    expect(outcome.refused).toBeGreaterThan(0);
  });

  it('from another process: the same', async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const outcome = await race(await serviceOn(store, keys), await serviceOn(store, keys), store);
    expect(outcome.written - 1 + outcome.refused).toBe(outcome.sent);
    expect(outcome.refused).toBeGreaterThan(0);
  });
});
