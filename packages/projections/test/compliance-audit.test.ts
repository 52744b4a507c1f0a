import {
  deriveEventId,
  type EventStore,
  emptySheetTables,
  GENESIS_HASH,
  type JsonValue,
  type KeyStore,
  openEvent,
  type RecordedEvent,
  readHeader,
  sealEvent,
  tablesDigest,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AuditReport, auditLog, type FindingCode } from '../src/index.js';
import { recordedYear, uuid } from './workload.js';

/** A copy of a log, with one event changed on the way (as an intruder with write access would). */
async function copyLog(
  source: EventStore,
  change?: (event: RecordedEvent) => RecordedEvent | undefined,
): Promise<EventStore> {
  const copy = createMemoryEventStore();
  for (const event of await collect(source.readAll())) {
    const changed = change === undefined ? event : change(event);
    if (changed === undefined) continue;
    const result = await copy.append(
      changed.stream,
      [{ id: changed.id, type: changed.type, data: changed.data, metadata: changed.metadata }],
      {
        expected: 'any',
      },
    );
    if (E.isLeft(result)) throw new Error(result.left.code);
  }
  return copy;
}

/** Appends a correctly chained event, as another system writing straight into the store would. */
async function appendForeign(
  store: EventStore,
  stream: string,
  type: string,
  data: JsonValue,
  catalogueVersion = '1.1',
): Promise<void> {
  const existing = await collect(store.readStream(stream, { direction: 'backwards', limit: 1 }));
  const last = existing[0];
  const revision = last === undefined ? 0 : last.revision + 1;
  const prev = last === undefined ? GENESIS_HASH : (readHeader(last.metadata)?.hash ?? GENESIS_HASH);
  const commandId = uuid();
  // In clear: the foreign system has no key, so its tallies sit unencrypted in a detail stream.
  const { event } = sealEvent(stream, revision, prev, {
    id: deriveEventId(commandId, stream, 0),
    type,
    data,
    meta: { commandId, catalogueId: 'vaggeryd', catalogueVersion },
  });
  const result = await store.append(stream, [event], {
    expected: last === undefined ? 'no-stream' : last.revision,
  });
  if (E.isLeft(result)) throw new Error(result.left.code);
}

const codes = (report: AuditReport): FindingCode[] =>
  [...new Set(report.findings.map((finding) => finding.code))].sort();

describe('the compliance audit', () => {
  let recorded: Awaited<ReturnType<typeof recordedYear>>;
  beforeAll(async () => {
    recorded = await recordedYear(61, 0.06, '2026-01-10T10:00:00Z');
    for (let month = 1; month <= 11; month += 1) {
      const sealed = await recorded.service.sealPeriod({
        type: 'SealPeriod',
        commandId: uuid(),
        period: `2025-${String(month).padStart(2, '0')}`,
      });
      if (E.isLeft(sealed)) throw new Error(sealed.left.code);
    }
  });

  it('finds nothing in a log written through the library and sealed on time', async () => {
    const report = await auditLog(recorded.store, { keys: recorded.keys, today: '2026-01-10' });
    expect(report.findings).toEqual([]);
    expect(report.clean).toBe(true);
    // 11 months' detail streams and registries, and the series closed since.
    expect(
      report.deletedStreams,
      'the seals and closings account for every stream they deleted',
    ).toBeGreaterThan(22);
    expect(report.sealedDetail, 'and no detail of a sealed period is left to read').toBe(0);
  });

  it('finds an altered event, and a removed one, by stream and position', async () => {
    const target = (await collect(recorded.store.readAll())).find(
      (event) => event.type === 'SheetsSealed',
    ) as RecordedEvent;
    // A count changed in the sealed tables, the JSON still valid: only the chain can tell.
    const text = Buffer.from(target.data).toString('utf8');
    const edited = text.replace(
      /"contacts":(\d+)/,
      (_, count: string) => `"contacts":${Number(count) + 100}`,
    );
    expect(edited).not.toBe(text);
    const altered = await copyLog(recorded.store, (event) =>
      event.id === target.id ? { ...event, data: new Uint8Array(Buffer.from(edited, 'utf8')) } : event,
    );
    const report = await auditLog(altered, { keys: recorded.keys, today: '2026-01-10' });
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'CHAIN_HASH_MISMATCH',
        stream: target.stream,
        revision: target.revision,
        rule: { clause: 'envelope/hash-chain' },
      }),
      // And the seal no longer holds over the tables before it.
      expect.objectContaining({ code: 'PERIOD_SEAL_UNPROVEN', stream: target.stream }),
    ]);
    const removed = await copyLog(recorded.store, (event) => (event.id === target.id ? undefined : event));
    expect(codes(await auditLog(removed, { keys: recorded.keys, today: '2026-01-10' }))).toContain(
      'CHAIN_HASH_MISMATCH',
    );
  });

  it('finds tallies written by another system for an exempt intervention, with forbidden dimensions and values', async () => {
    const doctored = await copyLog(recorded.store);
    const base = {
      tallyId: uuid(),
      unitId: 'faltare',
      period: '2025-12',
      catalogueVersion: '1.1',
    };
    await appendForeign(doctored, 'tally-2025-12-foreign', 'ContactTallied', {
      ...base,
      interventionId: 'faltare-uppsokande',
      marks: {},
    });
    await appendForeign(doctored, 'tally-2025-12-foreign', 'ContactTallied', {
      ...base,
      interventionId: 'familjecentral-enskilda-samtal',
      unitId: 'familjecentral',
      marks: { gender: 'female', relationToRelative: 'parent', routeIn: 'a neighbour told her' },
    });
    await appendForeign(
      doctored,
      'tally-2025-12-foreign',
      'ContactTallied',
      {
        ...base,
        catalogueVersion: '9.9',
        interventionId: 'motesplats-uppsokande',
        unitId: 'motesplats',
        marks: { gender: 'male' },
      },
      '9.9',
    );
    await appendForeign(doctored, 'tally-2025-12-foreign', 'SeriesEnded', {
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
      period: '2025-12',
      contacts: 7,
    });
    const report = await auditLog(doctored, { keys: recorded.keys, today: '2026-01-10' });
    expect(codes(report)).toEqual([
      'CATALOGUE_VERSION_NOT_IN_FORCE',
      'DETAIL_IN_CLEAR',
      'DIMENSION_NOT_ALLOWED',
      'KIND_FORBIDS_RECORDING',
      'SERIES_LIMIT_EXCEEDED',
      'VALUE_NOT_ALLOWED',
    ]);
    for (const finding of report.findings) {
      expect(finding.stream).toBe('tally-2025-12-foreign');
      expect(finding.position).toBeDefined();
      expect(finding.rule.clause).toBeTruthy();
      expect(finding.message.sv.length).toBeGreaterThan(10);
    }
    expect(report.findings.find((finding) => finding.code === 'KIND_FORBIDS_RECORDING')?.rule).toMatchObject({
      interventionId: 'faltare-uppsokande',
      catalogueVersion: '1.1',
    });
  });

  it('finds a period past its grace still unsealed', async () => {
    const report = await auditLog(recorded.store, { keys: recorded.keys, today: '2026-02-01' });
    expect(report.findings).toEqual([
      expect.objectContaining({ code: 'PERIOD_UNSEALED_PAST_GRACE', stream: 'period-2025-12' }),
    ]);
  });

  it('finds detail still decryptable after sealing, and a closed series whose key was kept', async () => {
    const { store, keys, make } = await recordedYear(71, 0.03, '2026-01-10T10:00:00Z');
    const keeping: KeyStore = {
      create: (keyId) => keys.create(keyId),
      get: (keyId) => keys.get(keyId),
      destroy: async () => ({ outcome: 'verified' }), // says so, keeps the key
    };
    const careless = make();
    const series = await careless.openSeries({
      type: 'OpenSeries',
      commandId: uuid(),
      interventionId: 'anhorigstod',
      unitId: 'motesplats',
    });
    if (E.isLeft(series)) throw new Error(series.left.code);
    const { createCommandService, fixedClock } = await import('@pinnstatistik/core');
    const forgetful = createCommandService({
      store,
      keys: keeping,
      catalogueId: 'vaggeryd',
      clock: fixedClock('2026-01-10T10:00:00Z'),
    });
    expect(
      E.isRight(await forgetful.sealPeriod({ type: 'SealPeriod', commandId: uuid(), period: '2025-04' })),
    ).toBe(true);
    expect(
      E.isRight(
        await forgetful.closeSeries({
          type: 'CloseSeries',
          commandId: uuid(),
          token: series.right.token,
          reason: 'on-request',
        }),
      ),
    ).toBe(true);
    const report = await auditLog(store, { keys, today: '2025-12-01' });
    expect(report.findings.filter((finding) => finding.code !== 'PERIOD_UNSEALED_PAST_GRACE')).toEqual([
      expect.objectContaining({ code: 'DETAIL_DECRYPTABLE_AFTER_SEAL', stream: 'period-2025-04' }),
      expect.objectContaining({ code: 'SERIES_KEY_NOT_DESTROYED' }),
    ]);
  });

  // Attack 29 on the audit: a seal anyone can append hid a month past its grace (it counted as
  // sealed) and explained away the streams it listed. Fails with the audit taking every
  // `PeriodSealed` as the seal (the check in `checkPublic` removed).
  it('finds a seal and an amendment not written by the operator, and counts the month as unsealed', async () => {
    const { store, keys, make } = await recordedYear(73, 0.03, '2026-01-10T10:00:00Z');
    const sealed = await make().sealPeriod({ type: 'SealPeriod', commandId: uuid(), period: '2025-05' });
    expect(E.isRight(sealed)).toBe(true);
    await appendForeign(store, 'period-2025-06', 'PeriodSealed', {
      period: '2025-06',
      keyId: 'period-2025-06',
      sheets: 0,
      deleted: [],
      tables: tablesDigest([]),
      proof: 'ab'.repeat(32),
    });
    await appendForeign(store, 'period-2025-05', 'SheetAmended', {
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      period: '2025-05',
      catalogueVersion: '1.1',
      reason: 'late-tally',
      delta: emptySheetTables() as unknown as JsonValue,
      proof: 'cd'.repeat(32),
    });
    const report = await auditLog(store, { keys, today: '2025-12-01' });
    const found = report.findings.map((finding) => `${finding.code} ${finding.stream}`);
    expect(found).toContain('PERIOD_SEAL_UNPROVEN period-2025-06');
    expect(found).toContain('AMENDMENT_UNPROVEN period-2025-05');
    expect(found).toContain('PERIOD_UNSEALED_PAST_GRACE period-2025-06');
    expect(found).not.toContain('PERIOD_SEAL_UNPROVEN period-2025-05');
  });

  it('finds detail a seal listed as deleted still in the log', async () => {
    const { store, keys, make } = await recordedYear(72, 0.03, '2026-01-10T10:00:00Z');
    const resurrected = await copyLog(store);
    const before = await collect(store.readAll());
    const sealed = await make().sealPeriod({ type: 'SealPeriod', commandId: uuid(), period: '2025-05' });
    expect(E.isRight(sealed)).toBe(true);
    // A copy taken before the deletion, with the seal's events added: the detail is still there.
    for (const event of await collect(store.readStream('period-2025-05'))) {
      const result = await resurrected.append(event.stream, [event], { expected: 'any' });
      if (E.isLeft(result)) throw new Error(result.left.code);
    }
    expect(before.some((event) => event.stream.startsWith('tally-2025-05'))).toBe(true);
    const report = await auditLog(resurrected, { keys, today: '2025-12-01' });
    const kept = report.findings.filter((finding) => finding.code === 'DETAIL_NOT_DELETED');
    expect(kept.length).toBeGreaterThan(1);
    expect(kept.every((finding) => /^(tally|registry)-2025-05/.test(finding.stream))).toBe(true);
  });

  it('reports a series closed below its minimum, never refusing to close it', async () => {
    const { store, keys, make } = await recordedYear(73, 0.02, '2026-01-10T10:00:00Z');
    const service = make();
    const opened = await service.openSeries({
      type: 'OpenSeries',
      commandId: uuid(),
      interventionId: 'familjecentral-hembesok-bhv',
      unitId: 'familjecentral',
    });
    if (E.isLeft(opened)) throw new Error(opened.left.code);
    const closed = await service.closeSeries({
      type: 'CloseSeries',
      commandId: uuid(),
      token: opened.right.token,
      reason: 'completed',
    });
    expect(E.isRight(closed)).toBe(true);
    const report = await auditLog(store, { keys, today: '2026-01-10' });
    expect(report.findings.filter((finding) => finding.code !== 'PERIOD_UNSEALED_PAST_GRACE')).toEqual([
      expect.objectContaining({
        code: 'SERIES_BELOW_MINIMUM',
        rule: expect.objectContaining({ interventionId: 'familjecentral-hembesok-bhv' }),
      }),
    ]);
    void openEvent;
  });
});
