import {
  createCommandService,
  fixedClock,
  SERIES_INDEX_STREAM,
  sealEvent,
  vaggerydCatalogue,
  writeLogCheckpoint,
} from '@pinnstatistik/core';
import { recordCommands, seededYear } from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import { createCheckpointCoverage } from './checkpoint-coverage.js';
import { verifyStoreLog } from './verify-store-log.js';

const unpinned = { trusted: [], publicKeys: [], pinned: false };

describe('checkpoints a log shows it needs', () => {
  it('a series closed after the latest checkpoint is a finding until a checkpoint signs the closing', async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const catalogue = vaggerydCatalogue();
    const early = fixedClock('2025-03-01T09:00:00Z');
    const service = createCommandService({ store, keys, catalogueId: catalogue.id, clock: early });
    await service.adoptCatalogue({ type: 'AdoptCatalogue', commandId: crypto.randomUUID(), catalogue });
    const year = seededYear({ catalogue, year: 2025, seed: 3, volume: 0.2 });
    const opened = await recordCommands(
      service,
      catalogue,
      year.filter((command) => 'date' in command && command.date < '2025-03'),
    );
    await writeLogCheckpoint({ store, keys, clock: early });
    // Months later every series still open is idle past its retention: closed, its stream deleted.
    const late = fixedClock('2025-12-01T09:00:00Z');
    const expiring = createCommandService({ store, keys, catalogueId: catalogue.id, clock: late });
    const { expired } = await expiring.expireSeries();
    expect(expired, JSON.stringify(opened.series)).toBeGreaterThan(0);

    const before = await verifyStoreLog(store, unpinned);
    const closings = before.findings.filter((finding) => finding.code === 'LOG_CLOSING_AFTER_CHECKPOINT');
    expect(closings).toHaveLength(expired);
    expect(closings.every((finding) => finding.stream === SERIES_INDEX_STREAM)).toBe(true);

    await writeLogCheckpoint({ store, keys, clock: late });
    expect((await verifyStoreLog(store, unpinned)).findings).toEqual([]);
  }, 60_000);

  it('a log with a signing key but no checkpoint had it removed', async () => {
    const store = createMemoryEventStore();
    const keys = createMemoryKeyStore();
    const clock = fixedClock('2025-03-01T09:00:00Z');
    const signed = createMemoryEventStore();
    await writeLogCheckpoint({ store: signed, keys, clock });
    // The same log without its checkpoint stream: only the key it declared.
    for await (const event of signed.readAll())
      if (!event.stream.startsWith('checkpoint-'))
        await store.append(event.stream, [event], {
          expected: event.revision === 0 ? 'no-stream' : event.revision - 1,
        });
    const check = await verifyStoreLog(store, unpinned);
    expect(check.findings.map((finding) => finding.code)).toEqual(['LOG_CHECKPOINT_STRIPPED']);
  });

  it.each([
    ['period-2025-01', 'SheetsSealed'],
    ['period-2025-01', 'SheetAmended'],
    [SERIES_INDEX_STREAM, 'SeriesClosed'],
  ])('a log whose %s holds %s, with no checkpoint, had it removed', (stream, type) => {
    const { event } = sealEvent(stream, 0, new Uint8Array(32), {
      id: crypto.randomUUID(),
      type,
      data: {},
      meta: { commandId: crypto.randomUUID() },
    });
    const coverage = createCheckpointCoverage({ checkpoints: [], carries: false });
    coverage.observe({ ...event, stream, revision: 0, position: '1' });
    const verification = { findings: [], leaves: [], events: 1 } as never;
    expect(coverage.finish(verification).map((finding) => finding.code)).toEqual(['LOG_CHECKPOINT_STRIPPED']);
  });
});
