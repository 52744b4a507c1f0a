/*
 * ATTACK 44, second round — the pinned origin (`expectedOrigin`) attacked.
 *
 * Attacker: reads and writes every stored byte of the production event store, at any moment (SQL
 * on the tables), reads staging's store (same key store), holds every published report. Does NOT
 * hold the key store. The operator pins production's origin correctly.
 *
 * Every test asserts the SAFE behaviour: a failing test is a break.
 *  1. staging under another catalogue id: its releases are proven under the origin of *their*
 *     catalogue stream (release.catalogueId), which the pin does not cover.
 *  2. race: the catalogue stream swapped between read() (pin checked) and record() (origin read
 *     again, not compared to the pin): the release is proven and anchored under staging's origin.
 *  3. race inside read(): proofs checked against the catalogue stream read once, the pin and the
 *     anchors against a second read of it.
 *  4. no origin: catalogue stream missing, or bytes of another format in it.
 *  5. production's catalogue stream kept, staging's releases stream copied in.
 *  6. production's catalogue stream kept, a release deleted and the stream re-chained.
 *  7. the pinned value: case, whitespace, empty; the refusal does not echo it.
 *  8. an export (readOnlyReleaseLog) of the rewritten store: never recorded.
 *
 * Found (a fresh attacker, stop 44): 1, 2, 2b and 3 failed — breaks, each letting the quarterly
 * report through with the joint intruder at 42 counts, 20 exactly, as attack 44 without a pin.
 * Root cause: the origin was read from the store more than once — per release catalogue for the
 * proofs, again for the pin and anchors, and again in record(), which did not compare it to the pin.
 * Fixed (release-log.ts, release-origin.ts): the origin is read once per read() and used for
 * proofs, pin and anchors; pinned, every proof is checked under the pinned origin; record() reads
 * it once more and refuses (`STORE_ORIGIN_NOT_EXPECTED`) when it is not the pin, or answers
 * `RELEASE_LOG_CONFLICT` when it is not the one the read was checked under; and the origin is a
 * hash that follows from the first event's bytes. Now 1–8 pass. Shown to fail against: the
 * pinned proofs checked per release catalogue again — 1; record()'s two comparisons dropped — 2;
 * (W1) `originNotExpected` always false — 4, 7; (W2) the anchor check removed — 5, 6; (W3) no
 * toLowerCase — 7; (W4) readOnlyReleaseLog.record succeeding — 8; (W5) record's refusal carrying
 * the pin — 7. (The unpinned race and the forged header are attack 44's own file, tests F and G.)
 */
import { randomUUID } from 'node:crypto';
import {
  type Catalogue,
  catalogueStream,
  type EventStore,
  GENESIS_HASH,
  isRegisteredStoreOrigin,
  type KeyStore,
  openEvent,
  sealEvent,
} from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog, type ReleaseLog, readOnlyReleaseLog } from '../src/releases/release-log.js';
import { releaseOrigin } from '../src/releases/release-origin.js';
import { RELEASES_STREAM } from '../src/releases/report-release.js';
import type { ReportOptionsInput } from '../src/report/report-options.js';
import type { ReportCube, StatisticsReport } from '../src/report/statistics-report.js';
import { seededCube } from './seeded-publications.js';
import { adoptedStoreUnder, jointFindings, withStreamsOf } from './store-rewrites.js';

const YEAR = { from: '2025-01', to: '2025-12' } as const;
const THREE = ['familjecentral-enskilda-samtal', 'faltare-gruppverksamhet', 'motesplats-oppen-verksamhet'];
const report = (granularity: 'month' | 'quarter' | 'year'): ReportOptionsInput => ({
  ...YEAR,
  interventions: THREE,
  method: 'suppression',
  granularity,
});
/** A report that overlaps none of the above (another intervention): staging's release. */
const elsewhere: ReportOptionsInput = {
  ...YEAR,
  interventions: ['anhorigstod'],
  method: 'suppression',
  granularity: 'year',
};

let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

const C = () => seeded.catalogue.id;

/** A store with `catalogue` adopted by its own command, under `keys`. */
const adoptedStore = (keys: KeyStore, catalogue: Catalogue = seeded.catalogue): Promise<EventStore> =>
  adoptedStoreUnder(keys, catalogue);

const logOf = (store: EventStore, keys: KeyStore, expectedOrigin?: string, catalogueId = C()): ReleaseLog =>
  eventStoreReleaseLog(store, {
    catalogueId,
    keys,
    ...(expectedOrigin === undefined ? {} : { expectedOrigin }),
  });

async function publish(log: ReleaseLog, input: ReportOptionsInput, cube: ReportCube = seeded.cube) {
  const published = await publishStatisticsReport(cube, input, { log });
  if (E.isLeft(published)) throw new Error(published.left.code);
  return published.right;
}

/**
 * The store as the attacker serves it, query by query: `serve(stream, n)` says which bytes the
 * n-th read (from 0) of `stream` sees — the attacker rewriting rows between the operator's
 * queries. Appends go to `base`.
 */
function racedStore(base: EventStore, serve: (stream: string, n: number) => EventStore): EventStore {
  const calls = new Map<string, number>();
  return new Proxy(base, {
    get(target, prop) {
      if (prop === 'readStream')
        return (stream: string, options?: Parameters<EventStore['readStream']>[1]) => {
          const n = calls.get(stream) ?? 0;
          calls.set(stream, n + 1);
          return serve(stream, n).readStream(stream, options);
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const findings = (reports: readonly StatisticsReport[]) => jointFindings(seeded, reports);

/** Production (its monthly report published under the pin) and staging, sharing a fresh key store. */
async function productionAndStaging(stagingCatalogue?: Catalogue) {
  const keys = createMemoryKeyStore();
  const production = await adoptedStore(keys);
  const staging = await adoptedStore(keys, stagingCatalogue);
  const pin = (await releaseOrigin(production, C())) as string;
  const monthly = await publish(logOf(production, keys, pin), report('month'));
  return { keys, production, staging, pin, monthly };
}

describe('attack 44, round 2: the pinned origin', () => {
  // 1. The proofs are checked under origin(release.catalogueId), the pin under origin(options.catalogueId).
  it('1: staging under another catalogue id — its catalogue and releases copied in beside production’s catalogue — is refused', async () => {
    const X = `${C()}-staging`;
    const stagingCatalogue: Catalogue = { ...seeded.catalogue, id: X };
    // Staging reports on the same figures under its own catalogue id (a copy of production's data).
    const stagingCube: ReportCube = {
      sheets: () => seeded.cube.sheets(),
      catalogues: () => seeded.cube.catalogues().map((catalogue) => ({ ...catalogue, id: X })),
    };
    const { keys, production, staging, pin, monthly } = await productionAndStaging(stagingCatalogue);
    const stagingPin = (await releaseOrigin(staging, X)) as string;
    const stagingRelease = await publish(logOf(staging, keys, stagingPin, X), elsewhere, stagingCube);
    expect(stagingRelease.release.catalogueId).toBe(X);
    // The attacker: staging's catalogue stream (another name) and releases stream; production's catalogue kept.
    const rewritten = await withStreamsOf(production, staging, [catalogueStream(X), RELEASES_STREAM]);
    expect(await releaseOrigin(rewritten, C())).toBe(pin);
    const seen = await logOf(rewritten, keys, pin).read();
    console.log(
      `attack44-pin 1: read ${JSON.stringify({ releases: seen.releases.length, missing: seen.missing, notExpected: seen.originNotExpected, unknown: seen.originUnknown })}`,
    );
    const next = await publishStatisticsReport(seeded.cube, report('quarter'), {
      log: logOf(rewritten, keys, pin),
    });
    if (E.isRight(next))
      console.log(`attack44-pin 1 (BREAK): ${JSON.stringify(await findings([monthly, next.right]))}`);
    expect(E.isLeft(next)).toBe(true);
  }, 60_000);

  // 2. record() reads the origin again and binds proof and anchor to it, without the pin.
  it('2: the catalogue stream swapped between read() and record(): the release stays this store’s', async () => {
    const keys = createMemoryKeyStore();
    const production = await adoptedStore(keys);
    const staging = await adoptedStore(keys);
    const pin = (await releaseOrigin(production, C())) as string;
    const stagingOrigin = (await releaseOrigin(staging, C())) as string;
    // read() reads the catalogue stream once (no release yet: only for the pin); the attacker flips it after.
    const raced = racedStore(production, (stream, n) =>
      stream === catalogueStream(C()) && n >= 1 ? staging : production,
    );
    const monthly = await publishStatisticsReport(seeded.cube, report('month'), {
      log: logOf(raced, keys, pin),
    });
    // The attacker puts production's catalogue stream back: production's bytes as they were, plus the release.
    const after = await logOf(production, keys, pin).read();
    console.log(
      `attack44-pin 2: monthly ${E.isRight(monthly) ? 'published' : monthly.left.code}; production reads ${JSON.stringify({ releases: after.releases.length, unproven: after.unproven, missing: after.missing, anchoredUnderStaging: (await keys.get(`release-anchor-${stagingOrigin}-0`)) !== undefined })}`,
    );
    if (E.isRight(monthly) && after.releases.length === 0 && after.missing === undefined) {
      const quarterly = await publishStatisticsReport(seeded.cube, report('quarter'), {
        log: logOf(production, keys, pin),
      });
      if (E.isRight(quarterly))
        console.log(
          `attack44-pin 2 (BREAK): ${JSON.stringify(await findings([monthly.right, quarterly.right]))}`,
        );
    }
    // Safe: refused at record, or the release counted (or missed) by production's next read.
    expect(E.isLeft(monthly) || after.releases.length === 1 || after.missing !== undefined).toBe(true);
  }, 60_000);

  // 2b. The same race with a made-up origin: the key store registers whatever the header says.
  it('2b: a made-up origin written during the race is not registered as genuine', async () => {
    const keys = createMemoryKeyStore();
    const production = await adoptedStore(keys);
    const pin = (await releaseOrigin(production, C())) as string;
    // A catalogue stream whose first event carries a made-up hash (openEvent reads it from the header).
    const forged = createMemoryEventStore();
    const made = 'ab'.repeat(32);
    for await (const event of production.readStream(catalogueStream(C()))) {
      const { id, type, data, metadata } = event;
      // The event's own bytes, the header's hash (its last 32 bytes) overwritten with the made-up one.
      const header = new Uint8Array(metadata);
      header.set(Buffer.from(made, 'hex'), header.length - 32);
      await forged.append(catalogueStream(C()), [{ id, type, data, metadata: header }], {
        expected: 'no-stream',
      });
      break;
    }
    const forgedOrigin = await releaseOrigin(forged, C());
    const raced = racedStore(production, (stream, n) =>
      stream === catalogueStream(C()) && n >= 1 ? forged : production,
    );
    const monthly = await publishStatisticsReport(seeded.cube, report('month'), {
      log: logOf(raced, keys, pin),
    });
    const registered = forgedOrigin !== null && (await isRegisteredStoreOrigin(keys, forgedOrigin));
    console.log(
      `attack44-pin 2b: forged origin ${forgedOrigin === made ? 'as made' : forgedOrigin}; monthly ${E.isRight(monthly) ? 'published' : monthly.left.code}; registered ${registered}`,
    );
    expect(registered).toBe(false);
  }, 60_000);

  // 3. Inside read(): the proofs see one catalogue stream, the pin and anchors another.
  it('3: staging’s catalogue stream served to the proof check, production’s to the pin: refused', async () => {
    const { keys, production, staging, pin, monthly } = await productionAndStaging();
    const stagingPin = (await releaseOrigin(staging, C())) as string;
    await publish(logOf(staging, keys, stagingPin), elsewhere);
    // The releases stream read is staging's; the first catalogue read (the proofs') staging's, the rest production's.
    const raced = racedStore(production, (stream, n) =>
      (stream === RELEASES_STREAM && n === 0) || (stream === catalogueStream(C()) && n === 0)
        ? staging
        : production,
    );
    const next = await publishStatisticsReport(seeded.cube, report('quarter'), {
      log: logOf(raced, keys, pin),
    });
    if (E.isRight(next)) {
      const after = await logOf(production, keys, pin).read();
      console.log(
        `attack44-pin 3 (BREAK): production afterwards ${JSON.stringify({ releases: after.releases.length, unproven: after.unproven, missing: after.missing })}; ${JSON.stringify(await findings([monthly, next.right]))}`,
      );
    }
    expect(E.isLeft(next)).toBe(true);
  }, 60_000);

  // 4. No origin at all: the pin refuses (null is never the pinned hex).
  it('4: a catalogue stream missing, or bytes of another format in it, is refused under the pin', async () => {
    const { keys, production, pin } = await productionAndStaging();
    const without = await withStreamsOf(production, createMemoryEventStore(), [catalogueStream(C())]);
    const garbled = createMemoryEventStore();
    for await (const event of production.readAll()) {
      const { id, type, data, metadata } = event;
      const bytes =
        event.stream === catalogueStream(C()) && event.revision === 0 ? new Uint8Array([1, 2, 3]) : metadata;
      await garbled.append(event.stream, [{ id, type, data, metadata: bytes }], {
        expected: event.revision === 0 ? 'no-stream' : event.revision - 1,
      });
    }
    for (const store of [without, garbled]) {
      expect(await releaseOrigin(store, C())).toBeNull();
      const next = await publishStatisticsReport(seeded.cube, report('quarter'), {
        log: logOf(store, keys, pin),
      });
      expect(E.isLeft(next) && next.left.code).toBe('STORE_ORIGIN_NOT_EXPECTED');
    }
  }, 60_000);

  // 5. Production's catalogue kept, staging's (same id) releases copied in: unproven, and the anchor shows.
  it('5: production’s catalogue stream with staging’s releases stream is refused', async () => {
    const { keys, production, staging, pin } = await productionAndStaging();
    const stagingPin = (await releaseOrigin(staging, C())) as string;
    await publish(logOf(staging, keys, stagingPin), elsewhere);
    await publish(logOf(staging, keys, stagingPin), { ...elsewhere, interventions: ['rad-och-stod'] });
    const rewritten = await withStreamsOf(production, staging, [RELEASES_STREAM]);
    const seen = await logOf(rewritten, keys, pin).read();
    expect({
      releases: seen.releases.length,
      unproven: seen.unproven.length,
      notExpected: seen.originNotExpected,
    }).toEqual({ releases: 0, unproven: 2, notExpected: false });
    const next = await publishStatisticsReport(seeded.cube, report('quarter'), {
      log: logOf(rewritten, keys, pin),
    });
    expect(E.isLeft(next) && next.left.code).toBe('RELEASES_MISSING');
  }, 60_000);

  // 6. Production's catalogue kept, one release deleted (the first, or the last) and the rest re-chained.
  it('6: production’s releases re-chained without the first, or without the last, are refused', async () => {
    const { keys, production, pin } = await productionAndStaging();
    await publish(logOf(production, keys, pin), report('year'));
    for (const dropped of [0, 1]) {
      const rewritten = await withStreamsOf(production, createMemoryEventStore(), [RELEASES_STREAM]);
      let head = GENESIS_HASH;
      let revision = 0;
      for await (const event of production.readStream(RELEASES_STREAM)) {
        if (event.revision === dropped) continue;
        const opened = openEvent(event);
        if (!opened.readable) throw new Error('unreadable');
        const { event: sealed, hash } = sealEvent(RELEASES_STREAM, revision, head, {
          id: event.id,
          type: opened.type,
          data: opened.data,
          meta: opened.meta,
        });
        await rewritten.append(RELEASES_STREAM, [sealed], {
          expected: revision === 0 ? 'no-stream' : revision - 1,
        });
        head = hash;
        revision++;
      }
      const next = await publishStatisticsReport(seeded.cube, report('quarter'), {
        log: logOf(rewritten, keys, pin),
      });
      expect(E.isLeft(next) && next.left.code).toBe('RELEASES_MISSING');
    }
  }, 60_000);

  // 7. The pinned value itself.
  it('7: the pin in capitals holds; whitespace, a prefix or an empty pin refuse; the refusal names no origin', async () => {
    const { keys, production, pin } = await productionAndStaging();
    const upper = await publishStatisticsReport(seeded.cube, report('year'), {
      log: logOf(production, keys, pin.toUpperCase()),
    });
    expect(E.isRight(upper)).toBe(true);
    for (const wrong of [` ${pin}`, `${pin}\n`, pin.slice(0, 32), '', `0x${pin}`]) {
      const read = await logOf(production, keys, wrong).read();
      expect(read.originNotExpected).toBe(true);
      const next = await publishStatisticsReport(seeded.cube, report('quarter'), {
        log: logOf(production, keys, wrong),
      });
      expect(E.isLeft(next) && next.left.code).toBe('STORE_ORIGIN_NOT_EXPECTED');
      expect(JSON.stringify(next)).not.toContain(pin);
      expect(JSON.stringify(next).toLowerCase()).not.toContain(pin.slice(0, 16));
      const recorded = await logOf(production, keys, wrong).record(
        { ...(upper as E.Right<StatisticsReport>).right.release, releaseId: randomUUID() },
        read,
      );
      expect(E.isLeft(recorded) && recorded.left).toEqual({ code: 'STORE_ORIGIN_NOT_EXPECTED' });
    }
    expect((await logOf(production, keys, pin).read()).releases).toHaveLength(2);
  }, 60_000);

  // 8. An export of the rewritten store: its releases are read without anchors or pin, and nothing is recorded.
  it('8: an export of the rewritten store never records (the report says so)', async () => {
    const { keys, production, staging } = await productionAndStaging();
    const rewritten = await withStreamsOf(production, staging, [catalogueStream(C()), RELEASES_STREAM]);
    const exported = await publishStatisticsReport(seeded.cube, report('quarter'), {
      log: readOnlyReleaseLog(rewritten, { keys }),
    });
    expect(E.isRight(exported) && exported.right.recorded).toBe(false);
  }, 60_000);
});
