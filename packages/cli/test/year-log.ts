import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  type CommandService,
  createCommandService,
  type EventStore,
  fixedClock,
  type LogCheckpoint,
  publicKeyPem,
  readLogKeyEvents,
  vaggerydCatalogue,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import { recordCommands, seededYear } from '@pinnstatistik/core/testing';
import { createFileKeyStore, createMemoryEventStore } from '@pinnstatistik/store-memory';
import { writeExport } from '../src/jsonl/write-export.js';

/** A seeded year of tallies, as the demo records it, signed and exported. */
export interface YearLog {
  /** The export: January–November sealed, December open. */
  readonly file: string;
  /** The file key store holding December's key and the log's signing key (the sealed months' keys are gone). */
  readonly keys: string;
  /** The operator's checkpoint-signing public key (PEM), as published for auditors. */
  readonly publicKey: string;
  readonly store: EventStore;
  readonly events: number;
  /** The signed checkpoint the export's trailer carries. */
  readonly checkpoint: LogCheckpoint;
  /** Events recorded after the checkpoint (the last December tallies), as the trailer counts them. */
  readonly eventsAfterCheckpoint: number;
}

/** A UUID for the n-th fixture command of a kind. */
export const fixtureId = (kind: number, n: number): string =>
  `0a0b0c0d-000${kind}-4000-8000-${String(n).padStart(12, '0')}`;

async function seal(service: CommandService, period: string, n: number): Promise<void> {
  const sealed = await service.sealPeriod({ type: 'SealPeriod', commandId: fixtureId(2, n), period });
  if (sealed._tag === 'Left') throw new Error(sealed.left.message.en);
}

/**
 * Records the demo's seeded year (seed 42) in memory with keys in `dir/keys`, seals January to
 * November on 2026-01-15, signs a checkpoint (publishing the key as `dir/operator.pem`), records
 * the last few December tallies after it, and exports the log to `dir/log.jsonl`. The key
 * directory also holds the statistics key, as a store that has published a report by the
 * cell-key method would.
 */
export async function yearLog(
  dir: string,
  options: { volume?: number; seed?: number } = {},
): Promise<YearLog> {
  const keys = join(dir, 'keys');
  const store = createMemoryEventStore();
  const keyStore = createFileKeyStore(keys);
  const catalogue = vaggerydCatalogue();
  const clock = fixedClock('2026-01-15T09:00:00Z');
  const service = createCommandService({ store, keys: keyStore, catalogueId: catalogue.id, clock });
  await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: fixtureId(1, 1), catalogue });
  const commands = seededYear({
    catalogue,
    year: 2025,
    seed: options.seed ?? 42,
    volume: options.volume ?? 1,
  });
  const late = commands
    .filter((command) => command.type === 'TallyVisitors' && command.date >= '2025-12')
    .slice(-3);
  await recordCommands(
    service,
    catalogue,
    commands.filter((candidate) => !late.includes(candidate)),
  );
  for (let month = 1; month <= 11; month += 1)
    await seal(service, `2025-${String(month).padStart(2, '0')}`, month);
  const checkpoint = await writeLogCheckpoint({ store, keys: keyStore, clock });
  await recordCommands(service, catalogue, late, 2);
  const publicKey = join(dir, 'operator.pem');
  const [adopted] = await readLogKeyEvents(store);
  if (adopted === undefined) throw new Error('no signing key adopted');
  writeFileSync(publicKey, publicKeyPem(new Uint8Array(Buffer.from(adopted.data.publicKey, 'base64'))));
  await keyStore.create('statistics');
  const file = join(dir, 'log.jsonl');
  const sink = createWriteStream(file);
  const { events, trailer } = await writeExport(store, sink, { source: 'a seeded year in memory' });
  sink.end();
  await finished(sink);
  return {
    file,
    keys,
    publicKey,
    store,
    events,
    checkpoint,
    eventsAfterCheckpoint: trailer.eventsAfterCheckpoint,
  };
}
