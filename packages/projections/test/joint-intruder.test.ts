import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { attackPublications, type Publication, publicationOf } from '../src/intruder/attack-publications.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog } from '../src/releases/release-log.js';
import type { ReportOptionsInput } from '../src/report/report-options.js';
import { createStatisticsReport } from '../src/report/statistics-report.js';
import { greedyLinearPublication, seededCube } from './seeded-publications.js';

// The intruder a statistics office assumes, on the seeded year (seed 42, the demo's): it gets the
// month, quarter and year reports of 2025 at once, knows that counts are whole numbers ≥ 0 and
// how the tables add up, and solves integer programmes (HiGHS) for each hidden or small count.
// `pnpm sdc` runs the same on three seeds over every intervention and prints the figures.

const GRANULARITIES = ['month', 'quarter', 'year'] as const;
/** A fixed statistics key, so the noise — and what the intruder can do with it — is the same every run. */
const statisticsKey = new Uint8Array(
  createHash('sha256').update('pinnstatistik joint-intruder test').digest(),
);
const YEAR = { from: '2025-01', to: '2025-12' } as const;
let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

const attack = (publications: readonly Publication[]) =>
  attackPublications(publications, { base: seeded.base, catalogue: seeded.catalogue });

describe('the joint month + quarter + year intruder', () => {
  it('recovers cells from the greedy linear suppression each report had before (the weak version)', async () => {
    const publications = GRANULARITIES.map((granularity) =>
      greedyLinearPublication(seeded.cube, { ...YEAR, granularity }),
    );
    const report = await attack(publications);
    const exact = report.findings.filter((finding) => finding.exact);
    // Differencing the quarters against the months, with x ≥ 0 and whole numbers: many small
    // counts come out exactly, and many more are proven to be "1 to 4".
    expect(exact.length).toBeGreaterThan(100);
    expect(exact.some((finding) => finding.actual < 5)).toBe(true);
    expect(report.findings.filter((finding) => finding.failing !== undefined).length).toBeGreaterThan(100);
  }, 120_000);

  it('pins down no small count published by the cell-key method (it knows the perturbation table, not the key)', async () => {
    const publications: Publication[] = [];
    for (const granularity of GRANULARITIES) {
      const report = await createStatisticsReport(seeded.cube, { ...YEAR, granularity }, { statisticsKey });
      if (E.isLeft(report)) throw new Error(report.left.message.en);
      publications.push(publicationOf(seeded.cube, report.right));
    }
    const report = await attack(publications);
    expect(report.targets).toBeGreaterThan(1000);
    expect(report.findings).toEqual([]);
  }, 120_000);

  it('pins down small counts when the perturbation is too narrow (D = 2): the attack has teeth against the cell-key method too', async () => {
    const publications: Publication[] = [];
    for (const granularity of GRANULARITIES) {
      const report = await createStatisticsReport(
        seeded.cube,
        { ...YEAR, granularity, maxDeviation: 2, variance: 1 },
        { statisticsKey },
      );
      if (E.isLeft(report)) throw new Error(report.left.message.en);
      publications.push(publicationOf(seeded.cube, report.right));
    }
    const report = await attack(publications);
    expect(report.findings.filter((finding) => finding.exact).length).toBeGreaterThan(0);
  }, 120_000);

  it('neither pins down nor narrows past 0 and k any count hidden by suppression, each report protected jointly with the earlier ones', async () => {
    // Three interventions (a cross-tabulation, group meetings, visitors) keep the test's time sensible;
    // pnpm sdc runs every intervention.
    const selection: Partial<ReportOptionsInput> = {
      interventions: [
        'familjecentral-enskilda-samtal',
        'faltare-gruppverksamhet',
        'motesplats-oppen-verksamhet',
      ],
      method: 'suppression',
    };
    const log = eventStoreReleaseLog(seeded.store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });
    const publications: Publication[] = [];
    for (const granularity of GRANULARITIES) {
      const report = await publishStatisticsReport(
        seeded.cube,
        { ...YEAR, ...selection, granularity },
        { log },
      );
      if (E.isLeft(report)) throw new Error(report.left.message.en);
      expect(report.right.recorded).toBe(true);
      publications.push(publicationOf(seeded.cube, report.right));
    }
    expect((await log.read()).releases.map((release) => release.options.granularity)).toEqual([
      ...GRANULARITIES,
    ]);
    const report = await attack(publications);
    expect(report.targets).toBeGreaterThan(100);
    expect(report.findings).toEqual([]);
  }, 240_000);
});
