import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { createCommandService, type EventStore, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import { seededYear } from '@pinnstatistik/core/testing';
import { createFileKeyStore, createMemoryEventStore } from '@pinnstatistik/store-memory';
import { writeExport } from '../src/jsonl/write-export.js';

/** A seeded year of tallies, as the demo records it. */
export interface YearLog {
  /** The export: January–November sealed, December open. */
  readonly file: string;
  /** The file key store holding December's key (the sealed months' keys are gone). */
  readonly keys: string;
  readonly store: EventStore;
  readonly events: number;
}

/**
 * Records the demo's seeded year (seed 42) in memory with keys in `dir/keys`, seals January to
 * November on 2026-01-15, and exports the log to `dir/log.jsonl`.
 */
export async function yearLog(dir: string, options: { volume?: number } = {}): Promise<YearLog> {
  const keys = join(dir, 'keys');
  const store = createMemoryEventStore();
  const catalogue = vaggerydCatalogue();
  const service = createCommandService({
    store,
    keys: createFileKeyStore(keys),
    catalogueId: catalogue.id,
    clock: fixedClock('2026-01-15T09:00:00Z'),
  });
  await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: '0a0b0c0d-0000-4000-8000-000000000001',
    catalogue,
  });
  for (const command of seededYear({ catalogue, year: 2025, seed: 42, ...options })) {
    const result = await service.tally(command);
    if (result._tag === 'Left') throw new Error(result.left.message.en);
  }
  for (let month = 1; month <= 11; month += 1) {
    const sealed = await service.sealPeriod(`2025-${String(month).padStart(2, '0')}`);
    if (sealed._tag === 'Left') throw new Error(sealed.left.message.en);
  }
  const file = join(dir, 'log.jsonl');
  const sink = createWriteStream(file);
  const { events } = await writeExport(store, sink, { source: 'a seeded year in memory' });
  sink.end();
  await finished(sink);
  return { file, keys, store, events };
}
