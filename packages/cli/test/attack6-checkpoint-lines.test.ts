/*
 * ATTACK 6 — lines of `checkpoint-*` streams smuggled into an export: verified CLEAN, imported,
 * and trusted by a projection on the restored store.
 *
 * Attacker: anyone who handles the export file between the operator and the auditor/restorer
 * (a text editor, no keys). They cannot sign.
 *
 * Claims attacked (docs/auditing.md "Import", docs/storage.md): "`pinnstatistik import` checks
 * everything before it writes anything"; "one 32-byte root commits to every event of every
 * stream"; `checkpoint-*` streams "are outside" the log tree and an export's event lines
 * (`isExportedStream`). The verifier skips any `checkpoint-*` line (`isInLogTree` is false):
 * such a line is counted nowhere — not in the trailer's events, not in the root — so adding
 * it changes nothing the verifier checks. But the import writes every line of the file into the
 * target. An attacker adds a forged projection checkpoint (`checkpoint-statistics` pointer plus
 * `checkpoint-statistics-1` with a made-up state: sealed tables in clear, any counts) written
 * with the library's own `createEventStoreCheckpointStore`; `verify --public-key --trust`
 * says clean, `import` writes it, and a statistics projection run on the restored store with
 * `createEventStoreCheckpointStore` (the documented way to keep checkpoints in the store)
 * resumes from the forged state and reports numbers that are in no event of the verified log.
 *
 * Secure behaviour expected: a line of a stream the export format never carries is a finding
 * (or the import refuses it / never writes it) — whatever the import writes is covered by what
 * was verified, so the restored store's statistics are the verified log's. These tests FAIL
 * today.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { importExport, verifyExportLog, writeExport } from '@pinnstatistik/cli';
import {
  createCommandService,
  type EventStore,
  fixedClock,
  type JsonValue,
  type KeyStore,
  type LogCheckpoint,
  readLogKeyEvents,
  vaggerydCatalogue,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import { recordCommands, seededYear } from '@pinnstatistik/core/testing';
import {
  createEventStoreCheckpointStore,
  createProjectionRunner,
  replay,
  type StatisticsCube,
  statisticsProjection,
} from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const contactsOf = (cube: StatisticsCube): number =>
  cube.snapshot().sheets.reduce((sum, sheet) => sum + sheet.tables.contacts, 0);

let dir: string;
let store: EventStore;
let keys: KeyStore;
let checkpoint: LogCheckpoint;
let publicKey: Uint8Array;
let honest: string;
let forged: string;
let honestContacts: number;
let realEvents: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-attack6-'));
  store = createMemoryEventStore();
  keys = createMemoryKeyStore();
  const clock = fixedClock('2025-04-20T08:00:00Z');
  const catalogue = vaggerydCatalogue();
  const service = createCommandService({ store, keys, catalogueId: 'vaggeryd', clock });
  await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: crypto.randomUUID(), catalogue });
  const year = seededYear({ catalogue, year: 2025, seed: 6, volume: 0.05 }).filter(
    (command) => 'date' in command && command.date < '2025-03',
  );
  await recordCommands(service, catalogue, year);
  for (const period of ['2025-01', '2025-02'])
    await service.sealPeriod({ type: 'SealPeriod', commandId: crypto.randomUUID(), period });
  checkpoint = await writeLogCheckpoint({ store, keys, clock });
  const [adopted] = await readLogKeyEvents(store);
  publicKey = new Uint8Array(Buffer.from(adopted?.data.publicKey ?? '', 'base64'));

  honest = join(dir, 'log.jsonl');
  const sink = createWriteStream(honest);
  await writeExport(store, sink, { source: 'attack 6' });
  sink.end();
  await finished(sink);
  honestContacts = contactsOf((await replay(store, statisticsProjection({ keys }))).state);

  // The forgery: a projection checkpoint whose sealed tables say 100,000 more contacts, written
  // by the library's own checkpoint store into a scratch store, then pasted in as export lines.
  const lines = readFileSync(honest, 'utf8').trim().split('\n');
  realEvents = lines.length - 2;
  const projection = statisticsProjection({ keys: createMemoryKeyStore() });
  const truth = (await replay(store, statisticsProjection({ keys }))).state;
  const saved = (await projection.snapshot(truth)) as unknown as {
    sealed: { tables: { contacts: number } }[];
  };
  const first = saved.sealed[0];
  if (first === undefined) throw new Error('no sealed sheet to forge');
  first.tables.contacts += 100_000;
  const scratch = createMemoryEventStore();
  // Positions in the restored store are the export's line order: resume after the last real event.
  await createEventStoreCheckpointStore(scratch).save('statistics', {
    position: String(realEvents),
    state: saved as unknown as JsonValue,
  });
  const smuggled: string[] = [];
  for await (const event of scratch.readAll())
    smuggled.push(
      JSON.stringify({
        stream: event.stream,
        revision: event.revision,
        position: event.position,
        id: event.id,
        type: event.type,
        data: Buffer.from(event.data).toString('base64'),
        metadata: Buffer.from(event.metadata).toString('base64'),
      }),
    );
  const trailer = lines.at(-1) as string;
  forged = join(dir, 'forged.jsonl');
  writeFileSync(forged, `${[...lines.slice(0, -1), ...smuggled, trailer].join('\n')}\n`);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('attack 6: checkpoint-* lines smuggled into an export', () => {
  it('the honest export verifies clean (the baseline)', async () => {
    const check = await verifyExportLog(honest, { trusted: [checkpoint], publicKeys: [publicKey] });
    expect(check.findings).toEqual([]);
  });

  it('verify finds the lines an export never carries', async () => {
    const check = await verifyExportLog(forged, { trusted: [checkpoint], publicKeys: [publicKey] });
    expect(check.findings.map((finding) => `${finding.code} ${finding.stream}`)).not.toEqual([]);
  });

  /** Imports a file into a fresh store; the store, whether the import refused, and the statistics a runner keeping its checkpoints in the store restores from it. */
  async function restoreFrom(file: string) {
    const target = createMemoryEventStore();
    let refused = false;
    try {
      await importExport(file, target, {
        maxAppendBytes: 1024 * 1024,
        batchBytes: 64 * 1024 * 1024,
        trust: { trusted: [checkpoint], publicKeys: [publicKey], pinned: true },
      });
    } catch {
      refused = true;
    }
    let stored = 0;
    const foreign: string[] = [];
    for await (const event of target.readAll()) {
      stored += 1;
      if (event.stream.startsWith('checkpoint-') && event.stream !== 'checkpoint-log-tree')
        foreign.push(`${event.stream}@${event.revision}`);
    }
    // A projection on the restored store, checkpoints kept in the store as documented.
    const runner = createProjectionRunner({
      store: target,
      projection: statisticsProjection({ keys }),
      checkpoints: createEventStoreCheckpointStore(target),
      checkpointKeys: keys,
    });
    await runner.start();
    await runner.whenCaughtUp();
    const restored = contactsOf(runner.state);
    await runner.stop();
    return { refused, stored, foreign, restored };
  }

  it("the honest export imports, and its restored statistics are the log's (the baseline)", async () => {
    const honestImport = await restoreFrom(honest);
    expect(honestImport.refused).toBe(false);
    expect(honestImport.restored).toBe(honestContacts);
  });

  it('import refuses the file and writes nothing: no forged checkpoint reaches a restored store', async () => {
    const forgedImport = await restoreFrom(forged);
    expect(forgedImport).toEqual({ refused: true, stored: 0, foreign: [], restored: 0 });
  });
});
