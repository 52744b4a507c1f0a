/*
 * ATTACK 37 — an insider deletes the operator's releases.
 *
 * Attacker: can read and write every stored byte of the event store (SQL on store-postgres's
 * tables, an edited export, the memory store's bytes); does NOT hold the key store; holds every
 * report the operator published (they are public). Attacks 32 and 36 made a release count only
 * with its proof, so the attacker cannot add releases — but nothing held the `releases` stream to
 * what the operator had recorded: a release deleted (and the stream's hash chain rewritten after
 * it, which needs no key) was simply not there, and the next report was protected as if it had
 * never been published.
 *
 * Scenario (seed 42, three interventions, as attacks 32 and 36): the operator publishes the
 * monthly suppressed report of 2025; the attacker rewrites the store without that release (the
 * whole stream: the tail and everything), or — with a yearly report published after it — without
 * the monthly one in the middle, the yearly one re-chained at its revision; the operator publishes
 * the quarterly suppressed report; the joint intruder holds every published report.
 * Measured before the fix (it.fails, commit "attack 37: deleted releases …"): the monthly release
 * deleted (the whole stream), the quarterly report disclosed 42 counts to the joint intruder (20
 * exactly, 11 of them counts 1–4) of 549 targets; deleted from the middle, 19 (16 exactly, 1 of
 * them 1–4) of 626. With the genuine history the same reports disclose none (attack 32's control).
 *
 * Fixed (release-anchor.ts, release-log.ts): each release's proof also covers its sequence number
 * among the operator's releases, and before its event is appended the key store gets a slot for it
 * (`release-anchor-{origin}-{sequence}`), which the attacker cannot remove. The reader requires
 * every proven release at its own place and no anchor for the place after the last one read;
 * otherwise the next report is refused (`RELEASES_MISSING`), never published.
 * Fails with (tried, each separately): (A) the anchor probe past the last release skipped
 * (release-log.ts, `isAnchored` not asked) — the tail, last-release and altered-bytes tests fail,
 * the report is published; (B) the place check skipped — the export read in the middle test fails
 * (a live log still catches the deletion by the anchor probe).
 */
import { randomUUID } from 'node:crypto';
import {
  createCommandService,
  type EventStore,
  fixedClock,
  type JsonValue,
  openEvent,
} from '@pinnstatistik/core';
import { appendKeyless } from '@pinnstatistik/core/testing';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { attackPublications, publicationOf } from '../src/intruder/attack-publications.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog, type ReleaseLog, readOnlyReleaseLog } from '../src/releases/release-log.js';
import { releaseOrigin } from '../src/releases/release-origin.js';
import { registerReleaseOrigin } from '../src/releases/release-origins.js';
import { readReleaseProofKey, releaseProof } from '../src/releases/release-proof.js';
import { RELEASES_STREAM, REPORT_PUBLISHED, type ReportRelease } from '../src/releases/report-release.js';
import type { ReportOptionsInput } from '../src/report/report-options.js';
import type { StatisticsReport } from '../src/report/statistics-report.js';
import { seededCube } from './seeded-publications.js';

const YEAR = { from: '2025-01', to: '2025-12' } as const;
const SELECTION: Partial<ReportOptionsInput> = {
  interventions: ['familjecentral-enskilda-samtal', 'faltare-gruppverksamhet', 'motesplats-oppen-verksamhet'],
};
const report = (granularity: 'month' | 'quarter' | 'year'): ReportOptionsInput => ({
  ...YEAR,
  ...SELECTION,
  method: 'suppression',
  granularity,
});

let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

/** A store of the operator's with the catalogue adopted (its own origin), under the shared key store. */
async function operatorStore(): Promise<EventStore> {
  const store = createMemoryEventStore();
  const service = createCommandService({
    store,
    keys: seeded.keys,
    catalogueId: seeded.catalogue.id,
    clock: fixedClock('2025-01-02T08:00:00Z'),
  });
  const adopted = await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: randomUUID(),
    catalogue: seeded.catalogue,
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return store;
}

const logOf = (store: EventStore): ReleaseLog =>
  eventStoreReleaseLog(store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });

async function publish(store: EventStore, input: ReportOptionsInput): Promise<StatisticsReport> {
  const published = await publishStatisticsReport(seeded.cube, input, { log: logOf(store) });
  if (E.isLeft(published)) throw new Error(published.left.code);
  return published.right;
}

/**
 * The attacker's rewrite: every event copied byte for byte (id, type, data, envelope), except the
 * releases at the revisions given; the releases after them re-chained keylessly at the revisions
 * they now take — the stream is then a consistent, hash-chained stream with fewer releases.
 */
async function withoutReleases(source: EventStore, deleted: readonly number[]): Promise<EventStore> {
  const target = createMemoryEventStore();
  const kept: { id: string; type: string; data: Record<string, unknown> }[] = [];
  for await (const event of source.readAll()) {
    if (event.stream === RELEASES_STREAM) {
      const opened = openEvent(event);
      if (!deleted.includes(event.revision) && opened.readable)
        kept.push({ id: event.id, type: event.type, data: opened.data as Record<string, unknown> });
      continue;
    }
    const { id, type, data, metadata } = event;
    const result = await target.append(event.stream, [{ id, type, data, metadata }], {
      expected: event.revision === 0 ? 'no-stream' : event.revision - 1,
    });
    if (E.isLeft(result)) throw new Error(result.left.code);
  }
  if (kept.length > 0) await appendKeyless(target, RELEASES_STREAM, kept);
  return target;
}

/** What the joint intruder derives from every published report. */
async function disclosed(label: string, reports: readonly StatisticsReport[]) {
  const attack = await attackPublications(
    reports.map((published) => publicationOf(seeded.cube, published)),
    { base: seeded.base, catalogue: seeded.catalogue },
  );
  const exact = attack.findings.filter((finding) => finding.exact);
  console.log(
    `attack 37 (${label}): targets ${attack.targets}, findings ${attack.findings.length}, exact ${exact.length}, exact small ${exact.filter((finding) => finding.actual > 0 && finding.actual < 5).length}`,
  );
  return attack;
}

/** The operator's next report after the rewrite: refused as RELEASES_MISSING — or, if published, what it discloses. */
async function nextReport(store: EventStore, label: string, earlier: readonly StatisticsReport[]) {
  const next = await publishStatisticsReport(seeded.cube, report('quarter'), { log: logOf(store) });
  if (E.isRight(next)) {
    const attack = await disclosed(label, [...earlier, next.right]);
    return { published: true, findings: attack.findings.length };
  }
  console.log(`attack 37 (${label}): refused ${next.left.code}: ${next.left.message.en}`);
  return { refused: next.left.code, message: next.left.message };
}

describe('attack 37: deleted releases', () => {
  // BREAK (tail = everything): the only release deleted, the releases stream gone with it.
  it('a deleted release (the whole releases stream) makes the next report refused, not published unprotected', async () => {
    const store = await operatorStore();
    const monthly = await publish(store, report('month'));
    const rewritten = await withoutReleases(store, [0]);
    expect((await logOf(rewritten).read()).releases).toEqual([]);
    const next = await nextReport(rewritten, 'tail', [monthly]);
    expect(next).toMatchObject({
      refused: 'RELEASES_MISSING',
      message: { sv: expect.stringContaining('saknas'), en: expect.stringContaining('missing') },
    });
  }, 600_000);

  // BREAK (middle): monthly, then yearly; the monthly release deleted and the yearly one
  // re-chained at revision 0 (a careful rewriter leaves a consistent stream).
  it('a release deleted from the middle, the stream re-chained, makes the next report refused', async () => {
    const store = await operatorStore();
    const monthly = await publish(store, report('month'));
    const yearly = await publish(store, report('year'));
    const rewritten = await withoutReleases(store, [0]);
    const read = await logOf(rewritten).read();
    expect({ releases: read.releases.length, unproven: read.unproven }).toEqual({
      releases: 1,
      unproven: [],
    });
    const next = await nextReport(rewritten, 'middle', [monthly, yearly]);
    expect(next).toMatchObject({ refused: 'RELEASES_MISSING' });
    // An export of the rewritten store, read with the key store: no tail to probe (an export may
    // rightly be behind), but the yearly release is not at its place.
    expect((await readOnlyReleaseLog(rewritten, { keys: seeded.keys }).read()).missing).toEqual({
      sequence: 0,
    });
  }, 600_000);

  // BREAK (tail, with earlier releases kept): the last of two releases deleted.
  it('the last release deleted, the earlier one kept, makes the next report refused', async () => {
    const store = await operatorStore();
    await publish(store, report('year'));
    await publish(store, report('month'));
    const rewritten = await withoutReleases(store, [1]);
    expect((await logOf(rewritten).read()).releases).toHaveLength(1);
    const next = await publishStatisticsReport(seeded.cube, report('quarter'), { log: logOf(rewritten) });
    expect(E.isLeft(next) && next.left.code).toBe('RELEASES_MISSING');
  }, 600_000);

  // A release altered (its proof no longer holds: "nothing hidden") is a release deleted, not a forgery to ignore.
  it('a release whose bytes were altered counts as missing', async () => {
    const store = await operatorStore();
    await publish(store, report('month'));
    const altered = createMemoryEventStore();
    for await (const event of store.readAll()) {
      if (event.stream === RELEASES_STREAM) {
        const opened = openEvent(event);
        if (!opened.readable) continue;
        await appendKeyless(altered, RELEASES_STREAM, [
          {
            id: event.id,
            type: event.type,
            data: { ...(opened.data as Record<string, unknown>), suppressed: [] },
          },
        ]);
        continue;
      }
      const { id, type, data, metadata } = event;
      await altered.append(event.stream, [{ id, type, data, metadata }], {
        expected: event.revision === 0 ? 'no-stream' : event.revision - 1,
      });
    }
    const next = await publishStatisticsReport(seeded.cube, report('quarter'), { log: logOf(altered) });
    expect(E.isLeft(next) && next.left.code).toBe('RELEASES_MISSING');
  }, 600_000);

  // HOLDS: normal use. Three reports in a row, the store moved (every event copied as the CLI's
  // import does), a fourth report from the import — nothing refused, every release read.
  it('normal use: several reports, and an import of the store, publish as before', async () => {
    const store = await operatorStore();
    for (const granularity of ['month', 'quarter', 'year'] as const)
      await publish(store, report(granularity));
    const moved = await withoutReleases(store, []);
    const read = await logOf(moved).read();
    expect({ releases: read.releases.length, unproven: read.unproven, missing: read.missing }).toEqual({
      releases: 3,
      unproven: [],
      missing: undefined,
    });
    await publish(moved, { ...report('year'), from: '2025-01', to: '2025-12', granularity: 'year' });
    expect((await logOf(moved).read()).releases).toHaveLength(4);
  }, 600_000);

  // HOLDS: a release recorded before anchors (today's format: proven under `release-proof`, no
  // sequence, no slot) is read as before; the first report published after it anchors it, and from
  // then on its deletion is refused too.
  it('a release recorded before anchors is read, anchored by the next report, and then missed if deleted', async () => {
    const store = await operatorStore();
    const earlier = await publish(await operatorStore(), report('year'));
    const release: ReportRelease = { ...earlier.release, releaseId: randomUUID() };
    const proofKey = await readReleaseProofKey(seeded.keys);
    if (proofKey === undefined) throw new Error('no release key');
    const origin = await releaseOrigin(store, seeded.catalogue.id);
    const proof = releaseProof(proofKey, origin, release as unknown as JsonValue);
    await appendKeyless(store, RELEASES_STREAM, [
      { id: randomUUID(), type: REPORT_PUBLISHED, data: { ...release, proof } },
    ]);
    expect((await logOf(store).read()).releases).toHaveLength(1);
    await publish(store, report('month'));
    expect((await logOf(store).read()).releases).toHaveLength(2);
    const next = await publishStatisticsReport(seeded.cube, report('quarter'), {
      log: logOf(await withoutReleases(store, [0])),
    });
    expect(E.isLeft(next) && next.left.code).toBe('RELEASES_MISSING');
  }, 600_000);

  // BREAK (attack 42, was OPEN here as it.fails). The anchors are named by the store's origin — the
  // hash of the catalogue stream's first event — because stores may share a key store; and the
  // origin is in the event store. The attacker re-chains the catalogue stream (the same events,
  // other envelope metadata: another hash) and deletes the releases: every anchor is now under an
  // origin the store no longer has, and the store looked like one that never published — the
  // quarterly report was published. Fixed (attack 42): the command service registers the origin
  // in the key store (`store-origin-{origin}`) before the catalogue's first event is appended, the
  // first release marks the key store as registering origins (`release-origins`), and from then on
  // a store whose origin the key store does not know is refused (STORE_ORIGIN_UNKNOWN).
  // Fails with (tried): (C) the origin check skipped (release-origins.ts, `isKnownOrigin` always
  // true) — this test fails, the report is published.
  it('the catalogue stream re-chained and the releases deleted, the next report is refused', async () => {
    const store = await operatorStore();
    const monthly = await publish(store, report('month'));
    const rewritten = createMemoryEventStore();
    for await (const event of store.readAll()) {
      if (event.stream === RELEASES_STREAM) continue;
      const opened = openEvent(event);
      if (event.stream.startsWith('catalogue-') && opened.readable) {
        await appendKeyless(rewritten, event.stream, [
          { id: event.id, type: event.type, data: opened.data as Record<string, unknown> },
        ]);
        continue;
      }
      const { id, type, data, metadata } = event;
      await rewritten.append(event.stream, [{ id, type, data, metadata }], {
        expected: event.revision === 0 ? 'no-stream' : event.revision - 1,
      });
    }
    const next = await nextReport(rewritten, 're-chained', [monthly]);
    expect(next).toMatchObject({
      refused: 'STORE_ORIGIN_UNKNOWN',
      message: { sv: expect.stringContaining('ursprung'), en: expect.stringContaining('origin') },
    });
    expect((await logOf(rewritten).read()).originUnknown).toBe(true);
    // The operator's step for a store adopted before registration: it accepts the store as it is.
    const registered = await registerReleaseOrigin(rewritten, seeded.keys, seeded.catalogue.id);
    expect(E.isRight(registered)).toBe(true);
    expect((await logOf(rewritten).read()).originUnknown).toBe(false);
    expect(E.isLeft(await registerReleaseOrigin(createMemoryEventStore(), seeded.keys, 'none'))).toBe(true);
  }, 600_000);

  // HOLDS: a second store under the same key store (staging beside production), its catalogue
  // adopted by its own command: its origin was registered at adoption, so its first report is
  // published although the key store already registers origins. Fails with (tried): (D) the
  // registration at adoption skipped (catalogue-keeper.ts, `beforeAppend` registering nothing) —
  // this test and every other store's report after the first are refused STORE_ORIGIN_UNKNOWN.
  it('a second store sharing the key store publishes its first report', async () => {
    await publish(await operatorStore(), report('month'));
    const staging = await operatorStore();
    expect((await logOf(staging).read()).originUnknown).toBe(false);
    const first = await publishStatisticsReport(seeded.cube, report('year'), { log: logOf(staging) });
    expect(E.isRight(first)).toBe(true);
    expect((await logOf(staging).read()).releases).toHaveLength(1);
  }, 600_000);
});
