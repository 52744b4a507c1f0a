import {
  createCommandService,
  type EventStore,
  fixedClock,
  periodKeyId,
  readSealedPeriod,
  seededRandom,
} from '@pinnstatistik/core';
import { createCommandRecorder, seededYear } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { attackedStore, freshId } from './attack11-year.js';

// A seal is acted on only once its proof and its tables' digest are checked against what the
// store returns (attack 26). A seal that wrote `PeriodSealed` and died before its deletions is
// finished by a fresh process, which reads the tables back decoded from the store: the digest
// must come out the same from the stored tables as from the ones the seal computed, or a
// genuine month could never be finished. Held here on a seeded year's real tables.

const MONTHS = ['2025-03', '2025-07', '2025-11'] as const;

describe('a seal that died after writing its proof, finished by a fresh process', () => {
  it('completes every month from the tables read back: detail deleted, key destroyed, tables kept', async () => {
    const { store, keys, catalogue, make } = attackedStore(7);
    const recording = make('2026-01-20T09:00:00Z');
    const adopted = await recording.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: freshId(),
      catalogue,
    });
    expect(E.isRight(adopted)).toBe(true);
    const recorder = createCommandRecorder(recording, catalogue, 7);
    for (const command of seededYear({ catalogue, year: 2025, seed: 7, volume: 0.15 }))
      await recorder.record(command);

    // The first process's deletions fail (the connection is lost once the seal is written).
    const failingDeletes: EventStore = {
      ...store,
      deleteStreams: async () => {
        throw new Error('connection lost');
      },
    };
    for (const period of MONTHS) {
      const first = createCommandService({
        store: failingDeletes,
        keys,
        catalogueId: catalogue.id,
        clock: fixedClock('2026-06-01T09:00:00Z'),
        random: seededRandom(7),
      });
      await expect(first.sealPeriod({ type: 'SealPeriod', commandId: freshId(), period })).rejects.toThrow(
        'connection lost',
      );
      const written = await readSealedPeriod(store, period);
      expect(written.seal?.proof, `${period}: the seal was written`).toMatch(/^[0-9a-f]{64}$/);
      expect(written.sheets.length, `${period}: its tables`).toBeGreaterThan(0);
      expect(await keys.get(periodKeyId(period)), `${period}: key kept`).toBeDefined();

      // A fresh process (cold caches: the tables come back decoded from the store).
      const fresh = make('2026-06-02T09:00:00Z');
      const finished = await fresh.sealPeriod({ type: 'SealPeriod', commandId: freshId(), period });
      expect(E.isRight(finished) && finished.right.sealedNow, `${period}: finished, not sealed anew`).toBe(
        false,
      );
      expect(E.isRight(finished) && finished.right.sheets).toBe(written.sheets.length);
      expect(await keys.get(periodKeyId(period)), `${period}: key destroyed`).toBeUndefined();
      expect((await readSealedPeriod(store, period)).sheets).toEqual(written.sheets);
    }
  }, 120_000);
});
