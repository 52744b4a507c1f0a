/*
 * ATTACK 44 on an export — another genuine store's history handed over as production's export.
 *
 * Attacker: can edit the export an auditor is given (or hands over another store's export), and
 * can read a second store that shares production's key store — staging. Does NOT hold the key
 * store. Holds every report the operator published.
 *
 * The auditor makes a report from the export (suppression: made, and said not to be recorded). It
 * is protected jointly with the releases the export records. The attacker gives it staging's
 * catalogue and releases streams in place of production's: production's monthly release is not
 * there, and the auditor's quarterly report is protected as if it had never been published.
 *
 * Until stop 45 `readOnlyReleaseLog` checked no origin, and the CLI refused `report <export>
 * --origin` ("an export's releases are not checked against it"). Measured here without a pin (the
 * first test): the joint intruder's findings over the monthly release and the auditor's report.
 *
 * Fixed where the auditor pins production's origin (`readOnlyReleaseLog(store, { catalogueId,
 * expectedOrigin })`, the CLI's `--origin`): the report is refused (`STORE_ORIGIN_NOT_EXPECTED`),
 * with the key store and without. Fails with (tried): (E′) the pin not compared on a read-only log
 * (release-log.ts, `originNotExpected` left false) — the pinned tests fail, the report is made.
 * What the pin does not cover: production's own export with its releases removed (origin
 * unchanged). An export is rightly behind the key store's anchors, so neither the log nor the pin
 * can tell; verifying the export against the operator's signed checkpoint does (`verify`).
 */
import { catalogueStream, type EventStore, type KeyStore } from '@pinnstatistik/core';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog, readOnlyReleaseLog } from '../src/releases/release-log.js';
import { releaseOrigin } from '../src/releases/release-origin.js';
import { RELEASES_STREAM } from '../src/releases/report-release.js';
import { seededCube, suppressedYear } from './seeded-publications.js';
import { adoptedStoreUnder, jointFindings, withStreamsOf } from './store-rewrites.js';

const report = suppressedYear;

let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

/** Production with its monthly release (recorded live, pinned), and its export rewritten with staging's streams. */
async function handedOver() {
  const production = await adoptedStoreUnder(seeded.keys, seeded.catalogue);
  const staging = await adoptedStoreUnder(seeded.keys, seeded.catalogue);
  const origin = (await releaseOrigin(production, seeded.catalogue.id)) as string;
  const monthly = await publishStatisticsReport(seeded.cube, report('month'), {
    log: eventStoreReleaseLog(production, {
      catalogueId: seeded.catalogue.id,
      keys: seeded.keys,
      expectedOrigin: origin,
    }),
  });
  if (E.isLeft(monthly)) throw new Error(monthly.left.code);
  const rewritten = await withStreamsOf(production, staging, [
    catalogueStream(seeded.catalogue.id),
    RELEASES_STREAM,
  ]);
  return { production, origin, monthly: monthly.right, rewritten };
}

/** The auditor's quarterly report from an export, with the key store or without, pinned or not. */
const auditorsReport = (exported: EventStore, keys: KeyStore | undefined, expectedOrigin?: string) =>
  publishStatisticsReport(seeded.cube, report('quarter'), {
    log: readOnlyReleaseLog(exported, {
      ...(keys === undefined ? {} : { keys }),
      ...(expectedOrigin === undefined ? {} : { catalogueId: seeded.catalogue.id, expectedOrigin }),
    }),
  });

describe('attack 44 on an export: another genuine store’s history handed over', () => {
  // OPEN without a pin (measured): the export's releases are staging's (none), and the report is made.
  it('without a pin, the report is made as if the monthly release had never been published', async () => {
    const { monthly, rewritten } = await handedOver();
    const made = await auditorsReport(rewritten, seeded.keys);
    if (E.isLeft(made)) throw new Error(made.left.code);
    expect(made.right.recorded).toBe(false);
    const joint = await jointFindings(seeded, [monthly, made.right]);
    console.log(`attack 44 on an export (no pin): ${JSON.stringify(joint)}`);
    expect(joint.findings).toBeGreaterThan(0);
  }, 600_000);

  // HOLDS with the pin, with the key store and without: refused, the pin not repeated.
  it.each([
    ['with the key store', true],
    ['without keys', false],
  ])(
    'pinned to production’s origin, the rewritten export is refused (%s)',
    async (_, withKeys) => {
      const { origin, rewritten } = await handedOver();
      const keys = withKeys ? seeded.keys : undefined;
      const read = await readOnlyReleaseLog(rewritten, {
        ...(keys === undefined ? {} : { keys }),
        catalogueId: seeded.catalogue.id,
        expectedOrigin: origin,
      }).read();
      expect(read.originNotExpected).toBe(true);
      const refused = await auditorsReport(rewritten, keys, origin);
      expect(E.isLeft(refused) && refused.left).toMatchObject({
        code: 'STORE_ORIGIN_NOT_EXPECTED',
        message: { sv: expect.stringContaining('ursprung'), en: expect.stringContaining('origin') },
      });
      if (E.isLeft(refused)) expect(JSON.stringify(refused.left)).not.toContain(origin);
    },
    600_000,
  );

  // HOLDS: production's own export under the same pin is read as before — its monthly release
  // counted, so the quarterly report is protected jointly with it.
  it('production’s own export under the pin counts its releases and protects the report with them', async () => {
    const { production, origin, monthly } = await handedOver();
    for (const keys of [seeded.keys, undefined]) {
      const read = await readOnlyReleaseLog(production, {
        ...(keys === undefined ? {} : { keys }),
        catalogueId: seeded.catalogue.id,
        expectedOrigin: origin.toUpperCase(),
      }).read();
      expect({ notExpected: read.originNotExpected, releases: read.releases.length }).toEqual({
        notExpected: false,
        releases: 1,
      });
      const made = await auditorsReport(production, keys, origin);
      if (E.isLeft(made)) throw new Error(made.left.code);
      expect(await jointFindings(seeded, [monthly, made.right])).toMatchObject({ findings: 0 });
    }
  }, 600_000);

  it('a pin without the catalogue whose stream gives it is a programmer’s error', () => {
    expect(() => readOnlyReleaseLog(createMemoryEventStore(), { expectedOrigin: 'ab'.repeat(32) })).toThrow(
      /catalogue id/,
    );
  });
});
