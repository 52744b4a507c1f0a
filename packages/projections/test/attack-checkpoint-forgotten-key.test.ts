import { createDecipheriv } from 'node:crypto';
import {
  type Cipher,
  createAesGcmCipher,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  periodKeyId,
  type RecordedEvent,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import { replay, statisticsProjection } from '../src/index.js';

// A checkpoint seals each open month's sheets under the month's key. Taking it awaits the
// month's sealer; the month's seal applied to the projection meanwhile (the runner does not hold
// events back while a checkpoint is taken) made the opener forget the key and zero its subkey —
// and the checkpoint was then sealed with a key of zeros: its month's tables readable by anyone
// (found by a helper playing the attacker). And where the sealer was not cached yet, the key
// was derived after it was forgotten, and its subkey stayed in the projection.

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const PERIOD = '2025-03';

interface Saved {
  readonly open: readonly { readonly period: string; readonly sheets: string }[];
}

/** A store with one contact in March, to be sealed after the projection read it. */
async function sealedAfterReading() {
  const store: EventStore = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const service = createCommandService({
    store,
    keys,
    catalogueId: 'vaggeryd',
    clock: fixedClock('2025-12-31T12:00:00Z'),
  });
  await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(999),
    catalogue: vaggerydCatalogue(),
  });
  const tallied = await service.tally({
    type: 'TallyContact',
    commandId: uuid(1),
    interventionId: 'motesplats-uppsokande',
    unitId: 'motesplats',
    date: `${PERIOD}-14`,
    marks: { gender: 'male' },
  });
  expect(tallied._tag).toBe('Right');
  return { store, keys, service };
}

/** March's seal as the projection reads it: its tables, then the seal. */
async function sealOf(store: EventStore): Promise<readonly RecordedEvent[]> {
  const found: RecordedEvent[] = [];
  for await (const event of store.readStream(`period-${PERIOD}`))
    if (event.type === 'SheetsSealed' || event.type === 'PeriodSealed') found.push(event);
  if (found.length !== 2) throw new Error(`March's seal is ${found.length} events`);
  return found;
}

/** Whether a checkpoint group opens under an AES-256-GCM key of zeros. */
function opensWithZeroKey(group: Saved['open'][number]): boolean {
  const body = Buffer.from(group.sheets, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.alloc(32), body.subarray(0, 12), {
    authTagLength: 16,
  });
  decipher.setAAD(Buffer.from(`checkpoint-statistics\u0000${group.period}`));
  decipher.setAuthTag(body.subarray(body.length - 16));
  try {
    decipher.update(body.subarray(12, body.length - 16));
    decipher.final();
    return true;
  } catch {
    return false;
  }
}

/** AES-GCM that counts what it seals. */
function countingCipher(): { cipher: Cipher; sealed: { count: number } } {
  const aes = createAesGcmCipher();
  const sealed = { count: 0 };
  return {
    sealed,
    cipher: {
      algorithm: aes.algorithm,
      encrypt(key, plaintext, associatedData) {
        sealed.count += 1;
        return aes.encrypt(key, plaintext, associatedData);
      },
      decrypt: (key, sealedBytes, associatedData, into) =>
        aes.decrypt(key, sealedBytes, associatedData, into),
    },
  };
}

describe('a checkpoint taken while its month is sealed', () => {
  it('with the month’s sealer cached: holds nothing sealed under a zeroed key, and not the sealed month', async () => {
    const { store, keys, service } = await sealedAfterReading();
    // February sealed first: the projection has checked a seal's proof, and checks March's at once.
    expect(
      await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(3), period: '2025-02' }),
    ).toMatchObject({ _tag: 'Right' });
    const projection = statisticsProjection({ keys });
    const { state } = await replay(store, projection); // the opener keeps March's sealer
    expect(
      await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(2), period: PERIOD }),
    ).toMatchObject({
      _tag: 'Right',
    });
    const seal = await sealOf(store);

    const pending = projection.snapshot(state); // waits for March's sealer
    // The opener forgets March's key meanwhile.
    for (const event of seal) expect(projection.apply(state, event)).not.toBeInstanceOf(Promise);
    const saved = (await pending) as unknown as Saved;

    expect(saved.open.filter(opensWithZeroKey), 'checkpoint groups sealed under a key of zeros').toEqual([]);
    expect(saved.open.map((group) => group.period)).toEqual([]);
  });

  it('with the sealer not yet derived: derives nothing from a key forgotten while it was looked up', async () => {
    const { store, keys, service } = await sealedAfterReading();
    const { state } = await replay(store, statisticsProjection({ keys }));
    // A key store whose answer was read before the seal destroyed the key, and arrives after.
    const material = await keys.get(periodKeyId(PERIOD));
    let answer = (): void => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const late: KeyStore = {
      ...keys,
      get: async (id) => {
        if (id !== periodKeyId(PERIOD)) return keys.get(id);
        await answered;
        return material;
      },
    };
    expect(
      await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(2), period: PERIOD }),
    ).toMatchObject({
      _tag: 'Right',
    });
    const seal = await sealOf(store);
    // A projection that has not opened March: its snapshot waits for the key store.
    const { cipher, sealed } = countingCipher();
    const fresh = statisticsProjection({ keys: late, ciphers: [cipher] });
    const pending = fresh.snapshot(state as never);
    for (const event of seal) await fresh.apply(state as never, event); // forgets March's key meanwhile
    answer();
    const saved = (await pending) as unknown as Saved;

    expect(saved.open.map((group) => group.period)).toEqual([]);
    expect(sealed.count, 'sheets sealed with a key forgotten while it was looked up').toBe(0);
  });
});
