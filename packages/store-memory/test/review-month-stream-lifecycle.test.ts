// Review: retries, voids and the seal across sheets sharing the month's one detail stream, from
// fresh processes (no cache) and after a seal that crashed midway.
import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  readSealedPeriod,
  seededRandom,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';

let counter = 0;
const uuid = (): string => {
  counter += 1;
  return `40c70000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
};
const A = { interventionId: 'motesplats-uppsokande', unitId: 'motesplats', marks: { gender: 'male' } };
const B = {
  interventionId: 'ungdomsmottagning-uppsokande',
  unitId: 'ungdomsmottagningen',
  marks: { gender: 'female', individualAge: 21 },
};
type Sheet = typeof A | typeof B;
const contact = (commandId: string, sheet: Sheet) => ({
  type: 'TallyContact' as const,
  commandId,
  ...sheet,
  date: '2025-03-10',
});
const voiding = (tallyId: string, sheet: Sheet, commandId = uuid()) => ({
  type: 'VoidTally' as const,
  commandId,
  interventionId: sheet.interventionId,
  unitId: sheet.unitId,
  period: '2025-03',
  tallyId,
  reason: 'duplicate' as const,
});
const code = (result: E.Either<{ code: string }, unknown>) =>
  E.isLeft(result) ? result.left.code : 'written';

function world(wrap: (store: EventStore) => EventStore = (store) => store) {
  const base = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const make = (at: string, store: EventStore = base): CommandService =>
    createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock(at),
      random: seededRandom(7),
    });
  return { base, keys, make, wrapped: wrap(base) };
}

const contactsBySheet = async (store: EventStore) =>
  Object.fromEntries(
    (await readSealedPeriod(store, '2025-03')).sheets.map((sheet) => [
      `${sheet.interventionId}`,
      sheet.tables.contacts,
    ]),
  );

describe('review: the month’s one detail stream, across processes', () => {
  it('answers retries and voids of old tallies of either sheet from a fresh process', async () => {
    const { base, make } = world();
    const first = make('2025-03-20T10:00:00Z');
    await first.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(), catalogue: vaggerydCatalogue() });
    const ids: { id: string; sheet: Sheet; receipt: unknown }[] = [];
    for (let n = 0; n < 40; n += 1) {
      const sheet = n % 2 === 0 ? A : B;
      const id = uuid();
      const receipt = await first.tally(contact(id, sheet));
      expect(E.isRight(receipt)).toBe(true);
      ids.push({ id, sheet, receipt });
    }
    const fresh = make('2025-03-21T10:00:00Z');
    // Retried: the same receipt; on the other sheet: refused.
    expect(await fresh.tally(contact(ids[0]?.id as string, A))).toEqual(ids[0]?.receipt);
    expect(await fresh.tally(contact(ids[1]?.id as string, B))).toEqual(ids[1]?.receipt);
    expect(code(await fresh.tally(contact(ids[2]?.id as string, B)))).toBe('COMMAND_ID_REUSED');
    // Voids: only on the tally's own sheet, once.
    expect(code(await fresh.tally(voiding(ids[3]?.id as string, A)))).toBe('TALLY_NOT_FOUND');
    expect(code(await fresh.tally(voiding(ids[3]?.id as string, B)))).toBe('written');
    expect(code(await make('2025-03-21T11:00:00Z').tally(voiding(ids[3]?.id as string, B)))).toBe(
      'TALLY_ALREADY_VOIDED',
    );
    expect(code(await fresh.tally(voiding(ids[4]?.id as string, A)))).toBe('written');
    // A void retried (same command id) from yet another process: its receipt.
    const voidId = uuid();
    const v = await fresh.tally(voiding(ids[6]?.id as string, A, voidId));
    expect(code(v)).toBe('written');
    expect(await make('2025-03-21T12:00:00Z').tally(voiding(ids[6]?.id as string, A, voidId))).toEqual(v);
    // The same void command id on the other sheet's tally: refused as reused.
    expect(code(await fresh.tally(voiding(ids[7]?.id as string, B, voidId)))).toBe('COMMAND_ID_REUSED');
    const sealer = make('2025-04-20T10:00:00Z');
    expect(
      E.isRight(await sealer.sealPeriod({ type: 'SealPeriod', commandId: uuid(), period: '2025-03' })),
    ).toBe(true);
    expect(await contactsBySheet(base)).toEqual({
      'motesplats-uppsokande': 18,
      'ungdomsmottagning-uppsokande': 19,
    });
  });

  it('completes a seal that crashed after closing the month’s stream, refusing tallies in between, each sheet once', async () => {
    let crash = true;
    const { base, make, wrapped } = world(
      (store) =>
        ({
          ...store,
          exclusive: store.exclusive?.bind(store),
          append: (stream, events, options) => {
            if (crash && stream === 'period-2025-03') {
              crash = false;
              throw new Error('crash before the tables were written');
            }
            return store.append(stream, events, options);
          },
          appendBatch: store.appendBatch.bind(store),
          readAll: store.readAll.bind(store),
          readStream: store.readStream.bind(store),
          deleteStreams: store.deleteStreams.bind(store),
        }) as EventStore,
    );
    const writer = make('2025-03-20T10:00:00Z');
    await writer.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: uuid(),
      catalogue: vaggerydCatalogue(),
    });
    expect(code(await writer.tally(contact(uuid(), A)))).toBe('written');
    expect(code(await writer.tally(contact(uuid(), B)))).toBe('written');
    expect(code(await writer.tally(contact(uuid(), B)))).toBe('written');
    const crashing = make('2025-04-20T10:00:00Z', wrapped);
    await expect(
      crashing.sealPeriod({ type: 'SealPeriod', commandId: uuid(), period: '2025-03' }),
    ).rejects.toThrow();
    // Between the crash and the seal's second run, a writer that knows both sheets is refused on each.
    const late = { ...contact(uuid(), A), date: '2025-03-11' };
    expect(code(await writer.tally(late))).toBe('SHEET_SEALED');
    expect(code(await writer.tally({ ...contact(uuid(), B), date: '2025-03-11' }))).toBe('SHEET_SEALED');
    expect(code(await make('2025-04-01T10:00:00Z').tally(contact(uuid(), B)))).toBe('SHEET_SEALED');
    const again = await make('2025-04-21T10:00:00Z').sealPeriod({
      type: 'SealPeriod',
      commandId: uuid(),
      period: '2025-03',
    });
    expect(E.isRight(again) && again.right.sheets).toBe(2);
    expect(await contactsBySheet(base)).toEqual({
      'motesplats-uppsokande': 1,
      'ungdomsmottagning-uppsokande': 2,
    });
    expect((await readSealedPeriod(base, '2025-03')).sheets).toHaveLength(2);
  });
});
