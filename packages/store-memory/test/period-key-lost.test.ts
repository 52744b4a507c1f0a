import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  periodKeyId,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { ok } from './answers.js';

// A month's key destroyed outside the library (a key file deleted, the key store restored from
// an older backup) while the month is still open: its sheets and registry no longer open. The
// next tally for that month made a *new* key for it, then threw MalformedEvent reading the
// registry under the new key — an exception for a command's answer, and a stray key left behind
// that every later tally of the month met again.

const uuid = (n: number): string => `4e7105e0-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = fixedClock('2026-03-20T10:00:00Z');

const serviceOn = (store: EventStore, keys: KeyStore): CommandService =>
  createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });

const contact = (commandId: string, interventionId = 'ungdomsmottagning-enskilda-samtal') => ({
  type: 'TallyContact' as const,
  commandId,
  interventionId,
  unitId: 'ungdomsmottagningen',
  date: '2026-03-18',
  marks: { gender: 'female', individualAge: '21-25', problemArea: 'not-stated', routeIn: 'preschool' },
});

async function storedEvents(store: EventStore): Promise<number> {
  let count = 0;
  for await (const _ of store.readAll()) count += 1;
  return count;
}

async function monthWithItsKeyDestroyed() {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const first = serviceOn(store, keys);
  await ok(
    first.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(0), catalogue: vaggerydCatalogue() }),
  );
  await ok(first.tally(contact(uuid(1))));
  expect((await keys.destroy(periodKeyId('2026-03'))).outcome).toBe('verified');
  return { store, keys };
}

describe('a tally for an open month whose key was destroyed outside the library', () => {
  it('is refused PERIOD_KEY_LOST in both languages, makes no new key and writes nothing', async () => {
    const { store, keys } = await monthWithItsKeyDestroyed();
    const before = await storedEvents(store);
    const service = serviceOn(store, keys);
    for (const commandId of [uuid(2), uuid(3)]) {
      const answer = await service.tally(contact(commandId));
      expect(E.isLeft(answer) && answer.left.code).toBe('PERIOD_KEY_LOST');
      if (E.isLeft(answer)) {
        expect(answer.left.message.sv).toMatch(/nyckel/);
        expect(answer.left.message.en).toMatch(/key/);
        expect(JSON.stringify(answer.left)).not.toContain(commandId);
      }
    }
    expect(await keys.get(periodKeyId('2026-03'))).toBeUndefined();
    expect(await storedEvents(store)).toBe(before);
  });

  it('refuses a tally on a sheet the month never had as well (its registry is under the lost key)', async () => {
    const { store, keys } = await monthWithItsKeyDestroyed();
    const answer = await serviceOn(store, keys).tally({
      ...contact(uuid(4), 'ungdomsmottagning-gruppverksamhet'),
      type: 'TallyGroupMeeting',
      participants: { children: { female: 3 } },
      marks: undefined,
    } as never);
    expect(E.isLeft(answer) && answer.left.code).toBe('PERIOD_KEY_LOST');
    expect(await keys.get(periodKeyId('2026-03'))).toBeUndefined();
  });

  it('refuses a void of one of its tallies, and its seal, the same way — nothing written, no key made', async () => {
    const { store, keys } = await monthWithItsKeyDestroyed();
    const before = await storedEvents(store);
    const voided = await serviceOn(store, keys).tally({
      type: 'VoidTally',
      commandId: uuid(6),
      interventionId: 'ungdomsmottagning-enskilda-samtal',
      unitId: 'ungdomsmottagningen',
      period: '2026-03',
      tallyId: uuid(1),
      reason: 'registered-by-mistake',
    });
    expect(E.isLeft(voided) && voided.left.code).toBe('PERIOD_KEY_LOST');
    const later = createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock('2026-06-01T10:00:00Z'),
    });
    const sealed = await later.sealPeriod({ type: 'SealPeriod', commandId: uuid(7), period: '2026-03' });
    expect(E.isLeft(sealed) && sealed.left.code).toBe('PERIOD_KEY_LOST');
    expect(await keys.get(periodKeyId('2026-03'))).toBeUndefined();
    expect(await storedEvents(store)).toBe(before);
  });

  it('leaves other months alone', async () => {
    const { store, keys } = await monthWithItsKeyDestroyed();
    const april = { ...contact(uuid(5)), date: '2026-03-01' };
    const service = createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock: fixedClock('2026-04-20T10:00:00Z'),
    });
    await ok(service.tally({ ...april, date: '2026-04-02' }));
  });
});
