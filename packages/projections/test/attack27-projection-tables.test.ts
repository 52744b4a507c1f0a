import {
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  readSealedPeriod,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { appendKeyless, numberedCommands } from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { statisticsProjection } from '../src/cube/statistics-projection.js';
import { replay } from '../src/runner/replay.js';

// Attack 27, on the statistics projection: a keyless writer (plain write access to the store)
// appends `SheetsSealed` tables after a month's genuine seal, or into another month's period
// stream. The seal writes its tables before `PeriodSealed`, so tables after it — or naming
// another period than their stream's — are not the seal's; the projection folded every one (a
// forged sheet of 400 contacts published beside the real ones). Held, also across a checkpoint
// of the projection taken after the seal (its restored state remembers the sealed months).

const FEB = '2025-02';
const { uuid, contact } = numberedCommands('a2710000');

async function februarySealed(): Promise<{ store: EventStore; keys: KeyStore }> {
  const store = createMemoryEventStore();
  const keys = createMemoryKeyStore();
  const service = createCommandService({
    store,
    keys,
    catalogueId: 'vaggeryd',
    clock: fixedClock('2025-03-20T08:00:00Z'),
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: uuid(999),
    catalogue: vaggerydCatalogue(),
  });
  expect(E.isRight(adopted)).toBe(true);
  for (let n = 1; n <= 3; n += 1) expect(E.isRight(await service.tally(contact(n, '2025-02-10')))).toBe(true);
  expect(E.isRight(await service.sealPeriod({ type: 'SealPeriod', commandId: uuid(500), period: FEB }))).toBe(
    true,
  );
  return { store, keys };
}

const summary = (state: { sheets(): Iterable<{ period: string; unitId: string; tables: unknown }> }) =>
  [...state.sheets()].map(({ period, unitId, tables }) => ({ period, unitId, tables }));

describe('attack 27: tables a keyless writer appends are not folded by the statistics projection', () => {
  it('skips tables after a month’s seal, and tables naming another month than their stream, also after a checkpoint', async () => {
    const { store, keys } = await februarySealed();
    const projection = statisticsProjection({ keys });
    const honest = summary((await replay(store, projection)).state);
    expect(honest.filter((entry) => entry.period === FEB)).toHaveLength(1);

    // A checkpoint of the projection now, restored in a fresh one later.
    const checkpointed = await projection.snapshot((await replay(store, projection)).state);

    const genuine = (await readSealedPeriod(store, FEB)).sheets[0];
    const forgedSheet = { ...genuine, unitId: 'forged', tables: { contacts: 400 } };
    await appendKeyless(store, `period-${FEB}`, [
      { id: uuid(7001), type: 'SheetsSealed', data: { period: FEB, sheets: [forgedSheet] } },
    ]);
    await appendKeyless(store, 'period-2025-04', [
      { id: uuid(7002), type: 'SheetsSealed', data: { period: '2025-05', sheets: [forgedSheet] } },
    ]);

    expect(summary((await replay(store, statisticsProjection({ keys }))).state)).toEqual(honest);

    // The restored projection goes on from the checkpoint: the forged tables come after it.
    const fresh = statisticsProjection({ keys });
    const restored = await fresh.restore(checkpointed);
    let state = restored;
    for await (const event of store.readAll())
      if (
        event.stream.startsWith('period-') &&
        event.type === 'SheetsSealed' &&
        event.id.startsWith('a2710000')
      )
        state = await fresh.apply(state, event);
    expect(summary(state)).toEqual(honest);
  });
});
