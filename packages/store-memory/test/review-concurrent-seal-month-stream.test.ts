// Review: writers on two sheets of a month (two processes) racing a seal from a third: every
// tally answered written is in the sealed tables of its own sheet; none refused is.
import { createCommandService, fixedClock, readSealedPeriod, vaggerydCatalogue } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

let counter = 0;
const uuid = (): string => {
  counter += 1;
  return `40e70000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};
const A = { interventionId: 'motesplats-uppsokande', unitId: 'motesplats', marks: { gender: 'male' } };
const B = {
  interventionId: 'ungdomsmottagning-uppsokande',
  unitId: 'ungdomsmottagningen',
  marks: { gender: 'female', individualAge: 21 },
};

describe('review: a seal racing writers on several sheets of the month', () => {
  it('counts exactly the tallies answered written, each on its sheet', async () => {
    for (let round = 0; round < 5; round += 1) {
      const store = createMemoryEventStore();
      const keys = createMemoryKeyStore();
      const make = (at: string) =>
        createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: fixedClock(at) });
      const p1 = make('2025-04-20T10:00:00Z');
      const p2 = make('2025-04-20T10:00:00Z');
      await p1.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(), catalogue: vaggerydCatalogue() });
      const tally = (service: typeof p1, sheet: typeof A | typeof B) =>
        service.tally({ type: 'TallyContact', commandId: uuid(), ...sheet, date: '2025-03-10' });
      const writes: Promise<E.Either<{ code: string }, unknown>>[] = [];
      const sheetOf: string[] = [];
      for (let n = 0; n < 60; n += 1) {
        const sheet = n % 3 === 0 ? B : A;
        sheetOf.push(sheet.interventionId);
        writes.push(tally(n % 2 === 0 ? p1 : p2, sheet));
        await new Promise((resolve) => setImmediate(resolve));
        if (n === 20 + round * 5)
          writes.push(
            make('2025-04-20T10:00:00Z').sealPeriod({
              type: 'SealPeriod',
              commandId: uuid(),
              period: '2025-03',
            }) as never,
          );
      }
      const results = await Promise.all(writes);
      const sealIndex = 21 + round * 5;
      const seal = results[sealIndex] as (typeof results)[number];
      expect(E.isRight(seal)).toBe(true);
      const tallies = results.filter((_, index) => index !== sealIndex);
      const written: Record<string, number> = {};
      tallies.forEach((result, index) => {
        if (E.isRight(result))
          written[sheetOf[index] as string] = (written[sheetOf[index] as string] ?? 0) + 1;
        else expect(result.left.code).toBe('SHEET_SEALED');
      });
      const sealed = Object.fromEntries(
        (await readSealedPeriod(store, '2025-03')).sheets
          .filter((sheet) => sheet.tables.contacts > 0)
          .map((sheet) => [sheet.interventionId, sheet.tables.contacts]),
      );
      console.log(round, JSON.stringify(written), tallies.filter(E.isLeft).length, 'refused');
      expect(sealed).toEqual(written);
    }
  });
});
