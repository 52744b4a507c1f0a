import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  normaliseSeriesToken,
  seriesStreamOf,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore, createMemoryKeyStore } from '../src/index.js';
import { answer, ok } from './answers.js';
import { SESSION_MARKS } from './series-fixture.js';

// A CloseSeries where the series' stream is stored but its key is not in this process's key
// store: destroyed outside a close, or a process configured with another key store. It threw
// ("the key … is gone but the series was never closed"): an exception for a command's answer.
// It is refused as sessions on such a series are (SERIES_CLOSED), and nothing is written or
// deleted — a process with another key store must not destroy a series the others still use.

const uuid = (n: number): string => `c105e500-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = fixedClock('2026-02-20T10:00:00Z');

const serviceOn = (store: EventStore, keys: KeyStore, on = clock): CommandService =>
  createCommandService({ store, keys, catalogueId: 'vaggeryd', clock: on });

async function storedEvents(store: EventStore): Promise<number> {
  let count = 0;
  for await (const _ of store.readAll()) count += 1;
  return count;
}

async function openSeriesWithSession(service: CommandService): Promise<string> {
  await ok(
    service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: uuid(0), catalogue: vaggerydCatalogue() }),
  );
  const { token } = await ok(
    service.openSeries({
      type: 'OpenSeries',
      commandId: uuid(1),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    }),
  );
  await ok(
    service.recordSession({
      type: 'RecordSession',
      commandId: uuid(2),
      token,
      date: '2026-02-18',
      marks: SESSION_MARKS,
    }),
  );
  return token;
}

describe('closing a series whose key this process does not have', () => {
  it('from a process with another key store: refused, nothing written, the series alive for the others', async () => {
    const store = createMemoryEventStore();
    const here = serviceOn(store, createMemoryKeyStore());
    const token = await openSeriesWithSession(here);
    // Half a year on, past the 90 days' retention: expiry would close the series if it could read it.
    const elsewhere = serviceOn(store, createMemoryKeyStore(), fixedClock('2026-08-20T10:00:00Z'));
    const before = await storedEvents(store);

    const close = { type: 'CloseSeries' as const, commandId: uuid(3), token, reason: 'completed' as const };
    expect(await answer(elsewhere.closeSeries(close))).toBe('SERIES_CLOSED');
    expect(await elsewhere.expireSeries(), 'expiry skips what it cannot read').toEqual({
      expired: 0,
      open: 0,
    });
    expect(await storedEvents(store), 'events written or deleted by the process without the key').toBe(
      before,
    );

    // The process that holds the key goes on as if nothing happened.
    await ok(
      here.recordSession({
        type: 'RecordSession',
        commandId: uuid(4),
        token,
        date: '2026-02-19',
        marks: SESSION_MARKS,
      }),
    );
    expect((await ok(here.closeSeries({ ...close, commandId: uuid(5) }))).contacts).toBe(2);
  });

  it('whose key was destroyed outside a close: refused as closed, the stream left as it is', async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const token = await openSeriesWithSession(serviceOn(store, keys));
    await keys.destroy(seriesStreamOf(normaliseSeriesToken(token) as string));
    const fresh = serviceOn(store, keys);
    const before = await storedEvents(store);
    expect(
      await answer(
        fresh.closeSeries({ type: 'CloseSeries', commandId: uuid(3), token, reason: 'completed' }),
      ),
    ).toBe('SERIES_CLOSED');
    expect(await storedEvents(store)).toBe(before);
  });
});
