import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { attackPublications, type Publication, publicationOf } from '../src/intruder/attack-publications.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog } from '../src/releases/release-log.js';
import { seededCube } from './seeded-publications.js';

// Attack (independent review): a suppressed release is protected jointly only with the earlier
// releases whose covered months overlap its own (`releasesOverlap`). The intruder links releases
// transitively: A (Jan–Mar) and C (May–Jul) share no month, yet B (Mar–May) ties them together
// — A tells March, C tells May, B's range totals then give April. C was checked against B
// alone, so B's April, hidden for B's sake, comes out when C is published. The same with
// units (`units`, library API): [U0], then [U0, U1], then [U1] — the last is checked against the
// middle one only, and the middle minus the last gives the first unit's hidden counts.

let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

describe('attack: suppressed releases chained through a middle release', () => {
  it('the intruder with all three releases pins down or narrows no hidden count', async () => {
    const log = eventStoreReleaseLog(seeded.store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });
    const publications: Publication[] = [];
    for (const [from, to] of [
      ['2025-01', '2025-03'],
      ['2025-03', '2025-05'],
      ['2025-05', '2025-07'],
    ] as const) {
      const report = await publishStatisticsReport(
        seeded.cube,
        { from, to, granularity: 'month', interventions: ['rad-och-stod'], method: 'suppression' },
        { log },
      );
      if (E.isLeft(report)) throw new Error(`${from}: ${report.left.code}`);
      publications.push(publicationOf(seeded.cube, report.right));
    }
    const [a, b, c] = publications as [Publication, Publication, Publication];
    const context = { base: seeded.base, catalogue: seeded.catalogue };
    // Each release is safe together with the one it overlaps: what the protection checked.
    expect((await attackPublications([a, b], context)).findings).toEqual([]);
    expect((await attackPublications([b, c], context)).findings).toEqual([]);
    // All three together: on seed 42, April of B comes out — a hidden 10 exactly, and two
    // hidden 4s narrowed to 2 … 8 ("someone").
    const attack = await attackPublications([a, b, c], context);
    console.log(
      attack.findings.map(
        (finding) => `${finding.id}: actual ${finding.actual}, in [${finding.min}, ${finding.max}]`,
      ),
    );
    expect(attack.findings).toEqual([]);
  }, 600_000);

  it('units selected: [U0], [U0, U1], [U1] — the intruder with all three pins down or narrows no hidden count', async () => {
    // A store of its own: the month chain above published every unit, which these would overlap.
    const seeded = await seededCube(42);
    const log = eventStoreReleaseLog(seeded.store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });
    const policy = seeded.catalogue.interventions.find((entry) => entry.id === 'rad-och-stod');
    const [u0, u1] = policy?.responsibleUnits ?? [];
    if (u0 === undefined || u1 === undefined) throw new Error('rad-och-stod has fewer than two units');
    const publications: Publication[] = [];
    const refused: string[] = [];
    for (const units of [[u0], [u0, u1], [u1]]) {
      const report = await publishStatisticsReport(
        seeded.cube,
        {
          from: '2025-01',
          to: '2025-12',
          granularity: 'quarter',
          units,
          interventions: ['rad-och-stod'],
          method: 'suppression',
        },
        { log },
      );
      if (E.isLeft(report)) {
        refused.push(`${units.length} units: ${report.left.code}`);
        continue;
      }
      publications.push(publicationOf(seeded.cube, report.right));
    }
    // [U0, U1] beside [U0] would publish U1 by difference, a figure no release protects: refused
    // (it leaked before the refusal existed). What is published — [U0] and [U1], sharing no
    // unit — leaves the intruder nothing.
    expect(refused).toEqual(['2 units: UNITS_PARTLY_PUBLISHED']);
    const attack = await attackPublications(publications, { base: seeded.base, catalogue: seeded.catalogue });
    expect(attack.findings).toEqual([]);
  }, 600_000);
});
