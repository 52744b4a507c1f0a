/*
 * ATTACK 32 — releases anyone who can append to the event store can forge.
 *
 * Attacker: can append to the event store (a DBA, a compromised process, someone with the store
 * file); holds no key store; has every report the operator published. The `releases` stream is
 * plain and hash-chained, and hash chains need no key (`appendKeyless`), so any `ReportPublished`
 * the attacker writes is read back as one of the operator's releases.
 *
 * Claims attacked (docs/statistics.md "Releases are remembered", "Suppression"): a report is
 * protected jointly with every earlier release; what an earlier release published is known to the
 * intruder, what it hid must stay hidden; figures once published are final; a conflicting method,
 * key or parameters over published figures is refused.
 *
 * Before the fix nothing authenticated a release (the event is clear, the chain keyless, the
 * reader took every `ReportPublished` that parsed). Measured on seed 42 (three interventions,
 * monthly then quarterly suppressed report of 2025): three forged "nothing hidden" copies made the
 * quarterly report disclose to the joint intruder 96 counts (19 exactly, 11 of them counts 1–4)
 * where the genuine history alone discloses none (620 targets); forged copies made the next report
 * refused (FIGURES_CHANGED, METHOD_CONFLICT, STATISTICS_KEY_CHANGED naming releases the operator
 * never made); a malformed one stopped every report with an untyped error.
 *
 * Fixed: each release carries a proof (HMAC-SHA-256 of its data under the key store's release key,
 * `release-proof`, made on the first release); the log reads as releases only those whose proof
 * holds, counts the others (`unproven`) and the report says how many it left out. Each test below
 * marked "failed before" was an `it.fails` that passed against the code before the fix, and fails
 * again with the fix reverted (release-log.ts reading every `ReportPublished`, tried).
 */
import { createHash, randomUUID } from 'node:crypto';
import { openEvent } from '@pinnstatistik/core';
import { appendKeyless } from '@pinnstatistik/core/testing';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { attackPublications, type Publication, publicationOf } from '../src/intruder/attack-publications.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog } from '../src/releases/release-log.js';
import { RELEASES_STREAM, REPORT_PUBLISHED, type ReportRelease } from '../src/releases/report-release.js';
import type { ReportOptionsInput } from '../src/report/report-options.js';
import { seededCube } from './seeded-publications.js';

const YEAR = { from: '2025-01', to: '2025-12' } as const;
// Three interventions (a cross-tabulation, group meetings, visitors) keep the test's time sensible.
const SELECTION: Partial<ReportOptionsInput> = {
  interventions: ['familjecentral-enskilda-samtal', 'faltare-gruppverksamhet', 'motesplats-oppen-verksamhet'],
};

let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

/**
 * The operator's release log: a store of its own per test, so each test starts with no releases,
 * and a key store of its own for the release key and anchors — these stores adopt no catalogue, so
 * they share one origin, and under one key store each would find the others' anchors (attack 37).
 */
const operatorLog = () => {
  const store = createMemoryEventStore();
  return {
    store,
    log: eventStoreReleaseLog(store, { catalogueId: seeded.catalogue.id, keys: createMemoryKeyStore() }),
  };
};

/** What the attacker appends: a `ReportPublished` in clear, chained after the stream's last event. */
const forge = (store: Parameters<typeof appendKeyless>[0], releases: readonly ReportRelease[]) =>
  appendKeyless(
    store,
    RELEASES_STREAM,
    releases.map((release) => ({
      id: randomUUID(),
      type: REPORT_PUBLISHED,
      data: release as unknown as Record<string, unknown>,
    })),
  );

/** A digest the attacker cannot compute (it does not know the figures): any 64 hex digits. */
const GUESSED_DIGEST = '0'.repeat(64);

async function publish(
  log: ReturnType<typeof operatorLog>['log'],
  input: ReportOptionsInput,
  keys?: typeof seeded.keys,
) {
  const report = await publishStatisticsReport(seeded.cube, input, {
    log,
    ...(keys === undefined ? {} : { keys, createStatisticsKey: true }),
  });
  return report;
}

describe('attack 32: forged ReportPublished events', () => {
  // BREAK (a): "nothing hidden" copies of releases blind the joint protection. releaseKnowledge
  // takes every quantity a release did not list as suppressed as *known to the intruder*, drops
  // every target whose support some release "published", and protectJointly publishes what
  // earlier releases "determine". The attacker copies the operator's monthly release with
  // `suppressed: []` at month, quarter and year granularity (the digest guessed): the genuine
  // monthly release's hidden counts and every hidden count of the next report are then no
  // target at all, and the operator's quarterly report is protected by primary suppression and
  // the linear search only — as each report was before the integer intruder. Failed before (96
  // findings, 19 exact, 11 exact counts 1–4; the report's note said "the figures of 3 earlier
  // releases have changed since they were published (amendments after sealing)" — untrue).
  it('forged "nothing hidden" releases do not make the next suppressed report disclose what the genuine ones hid', async () => {
    const { store, log } = operatorLog();
    const monthly = await publish(log, {
      ...YEAR,
      ...SELECTION,
      method: 'suppression',
      granularity: 'month',
    });
    if (E.isLeft(monthly)) throw new Error(monthly.left.code);
    const genuine = (await log.read()).releases[0] as ReportRelease;
    await forge(
      store,
      (['month', 'quarter', 'year'] as const).map((granularity) => ({
        ...genuine,
        releaseId: randomUUID(),
        options: { ...genuine.options, granularity },
        suppressed: [],
        digest: GUESSED_DIGEST,
      })),
    );
    const quarterly = await publish(log, {
      ...YEAR,
      ...SELECTION,
      method: 'suppression',
      granularity: 'quarter',
    });
    if (E.isLeft(quarterly)) throw new Error(quarterly.left.code);
    const publications: Publication[] = [
      publicationOf(seeded.cube, monthly.right),
      publicationOf(seeded.cube, quarterly.right),
    ];
    const attack = await attackPublications(publications, { base: seeded.base, catalogue: seeded.catalogue });
    const exact = attack.findings.filter((finding) => finding.exact);
    console.log(
      `attack 32 (a): targets ${attack.targets}, findings ${attack.findings.length}, exact ${exact.length}, exact small ${exact.filter((finding) => finding.actual > 0 && finding.actual < 5).length}, notes: ${quarterly.right.notes.map((note) => note.en).join(' | ')}`,
    );
    expect(attack.targets).toBeGreaterThan(100);
    expect(attack.findings).toEqual([]);
    // The report says what it left out, and says nothing false about changed figures.
    const notes = quarterly.right.notes.map((note) => note.en).join(' ');
    expect(notes).toContain("3 events in the releases stream are not the operator's releases");
    expect(notes).not.toContain('have changed since');
    expect((await log.read()).unproven).toEqual([1, 2, 3]);
  }, 600_000);

  // Control: the same two reports with the genuine history only — the joint protection holds.
  it('genuine history only: the quarterly report protected jointly with the monthly one discloses nothing', async () => {
    const { log } = operatorLog();
    const monthly = await publish(log, {
      ...YEAR,
      ...SELECTION,
      method: 'suppression',
      granularity: 'month',
    });
    if (E.isLeft(monthly)) throw new Error(monthly.left.code);
    const quarterly = await publish(log, {
      ...YEAR,
      ...SELECTION,
      method: 'suppression',
      granularity: 'quarter',
    });
    if (E.isLeft(quarterly)) throw new Error(quarterly.left.code);
    const attack = await attackPublications(
      [publicationOf(seeded.cube, monthly.right), publicationOf(seeded.cube, quarterly.right)],
      { base: seeded.base, catalogue: seeded.catalogue },
    );
    console.log(`attack 32 control: targets ${attack.targets}, findings ${attack.findings.length}`);
    expect(attack.targets).toBeGreaterThan(100);
    expect(attack.findings).toEqual([]);
  }, 600_000);

  // SECONDARY (denial of service): a forged copy of a genuine release with the digest guessed,
  // the method flipped or the key fingerprint changed makes the operator's next report over the
  // same months refused (FIGURES_CHANGED, METHOD_CONFLICT, STATISTICS_KEY_CHANGED) — naming a
  // release the operator never made. Failed before (FIGURES_CHANGED, METHOD_CONFLICT,
  // STATISTICS_KEY_CHANGED).
  it('forged releases do not make the operator’s next report refused', async () => {
    const input = { from: '2025-01', to: '2025-03', ...SELECTION, granularity: 'month' } as const;
    const codes: string[] = [];
    const forgeries: ((genuine: ReportRelease) => ReportRelease)[] = [
      (genuine) => ({ ...genuine, releaseId: randomUUID(), digest: GUESSED_DIGEST }),
      ({ statisticsKeyCheck: _check, ...genuine }) => ({
        ...genuine,
        releaseId: randomUUID(),
        options: { ...genuine.options, method: 'suppression' },
        suppressed: [],
      }),
      (genuine) => ({ ...genuine, releaseId: randomUUID(), statisticsKeyCheck: 'f'.repeat(64) }),
    ];
    for (const forgery of forgeries) {
      const { store, log } = operatorLog();
      const first = await publish(log, input, seeded.keys);
      if (E.isLeft(first)) throw new Error(first.left.code);
      await forge(store, [forgery((await log.read()).releases[0] as ReportRelease)]);
      const next = await publish(log, { ...input, granularity: 'quarter' }, seeded.keys);
      codes.push(E.isLeft(next) ? next.left.code : 'published');
    }
    console.log(`attack 32 (denial): ${codes.join(', ')}`);
    expect(codes).toEqual(['published', 'published', 'published']);
  }, 600_000);

  // SECONDARY: a `ReportPublished` whose data is not a release stops every report with an untyped
  // error ("releases@1: not a ReportPublished event"), though nothing the operator wrote is wrong.
  // Failed before (that error).
  it('a malformed forged release does not stop the operator’s reports', async () => {
    const { store, log } = operatorLog();
    const input = { ...YEAR, ...SELECTION, granularity: 'year' } as const;
    const first = await publish(log, input, seeded.keys);
    if (E.isLeft(first)) throw new Error(first.left.code);
    await appendKeyless(store, RELEASES_STREAM, [
      { id: randomUUID(), type: REPORT_PUBLISHED, data: { releaseId: 'not a release' } },
    ]);
    const next = await publish(log, input, seeded.keys).catch((error: unknown) => String(error));
    console.log(`attack 32 (malformed): ${typeof next === 'string' ? next : next._tag}`);
    expect(typeof next === 'string' ? next : next._tag).toBe('Right');
  }, 600_000);

  // HOLDS: a forged release cannot lift a genuine refusal. The attacker copies the operator's
  // suppressed monthly release under its own release id with the method flipped to the cell-key
  // method; the operator's cell-key report over those months is still refused (METHOD_CONFLICT,
  // naming the genuine release): every release read is checked, none replaces another. (Held
  // before the fix too.) Fails with (tried, before the fix): the log's reader keeping the last
  // event per release id (a "latest record wins" reading) — the copy replaced the genuine release
  // and the refusal became STATISTICS_KEY_CHANGED.
  it('a forged copy under a genuine release’s id does not lift its METHOD_CONFLICT', async () => {
    const { store, log } = operatorLog();
    const input = { from: '2025-01', to: '2025-03', ...SELECTION, granularity: 'month' } as const;
    const first = await publish(log, { ...input, method: 'suppression' });
    if (E.isLeft(first)) throw new Error(first.left.code);
    const genuine = (await log.read()).releases[0] as ReportRelease;
    const { suppressed: _suppressed, ...rest } = genuine;
    await forge(store, [
      {
        ...rest,
        options: { ...genuine.options, method: 'cell-key' },
        statisticsKeyCheck: createHash('sha256').update('a guess').digest('hex'),
      },
    ]);
    const next = await publish(log, input, seeded.keys);
    expect(E.isLeft(next) && next.left).toMatchObject({
      code: 'METHOD_CONFLICT',
      releaseId: genuine.releaseId,
    });
  }, 600_000);

  // HOLDS (with the fix): a genuine proof is a proof of its own release only. The attacker copies
  // the operator's event whole — proof and all — once unchanged (a replay: the same release, read
  // once) and once with `suppressed: []` (the proof of other data): the copy with other data is
  // not counted, and the next report is the same as with the genuine history alone.
  // Fails with (tried): a proof checked for its form only (64 hex digits) — the altered copy is
  // read as releases (three, where one is the operator's).
  it('a genuine proof copied onto other data is no proof; a genuine release replayed is read once', async () => {
    const { store, log } = operatorLog();
    const monthly = await publish(log, {
      ...YEAR,
      ...SELECTION,
      method: 'suppression',
      granularity: 'month',
    });
    if (E.isLeft(monthly)) throw new Error(monthly.left.code);
    let stored: Record<string, unknown> | undefined;
    for await (const recorded of store.readStream(RELEASES_STREAM)) {
      const event = openEvent(recorded);
      if (event.readable) stored = event.data as Record<string, unknown>;
    }
    if (stored === undefined) throw new Error('no release recorded');
    expect(typeof stored.proof).toBe('string');
    await appendKeyless(store, RELEASES_STREAM, [
      { id: randomUUID(), type: REPORT_PUBLISHED, data: stored },
      ...(['month', 'quarter'] as const).map((granularity) => ({
        id: randomUUID(),
        type: REPORT_PUBLISHED,
        data: {
          ...stored,
          releaseId: randomUUID(),
          options: { ...(stored?.options as object), granularity },
          suppressed: [],
        },
      })),
    ]);
    const read = await log.read();
    expect(read.releases).toHaveLength(1);
    expect(read.unproven).toEqual([2, 3]);
    const quarterly = await publish(log, {
      ...YEAR,
      ...SELECTION,
      method: 'suppression',
      granularity: 'quarter',
    });
    if (E.isLeft(quarterly)) throw new Error(quarterly.left.code);
    const attack = await attackPublications(
      [publicationOf(seeded.cube, monthly.right), publicationOf(seeded.cube, quarterly.right)],
      { base: seeded.base, catalogue: seeded.catalogue },
    );
    expect(attack.findings).toEqual([]);
  }, 600_000);
});
