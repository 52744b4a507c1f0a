import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { attackPublications, publicationOf } from '../src/intruder/attack-publications.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog } from '../src/releases/release-log.js';
import { buildReportTables } from '../src/report/build-tables.js';
import { ReportOptionsSchema } from '../src/report/report-options.js';
import type { StatisticsReport } from '../src/report/statistics-report.js';
import { publishedFigures as figures, seededCube } from './seeded-publications.js';

// Attack (independent review), two CLI reports by suppression, nothing else:
//   report --method suppression --granularity quarter --from 2025-02 --to 2025-03
//   report --method suppression --granularity quarter --from 2025-04 --to 2025-06 --compare-previous
// The first publishes its "2025-Q1" row over Feb–Mar (the range starts mid-quarter); the second
// publishes the previous period, "2025-Q1", whole (Jan–Mar). Both are exact, so their difference is
// January's headline count exactly. January alone is a quantity of neither release: the joint
// protection (and the project's own intruder) never make it a target, so a small January count
// is published by subtraction.

let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

describe('attack: the previous period against a report that starts mid-quarter', () => {
  it('no small January count is the difference of two published figures', async () => {
    const log = eventStoreReleaseLog(seeded.store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });
    // The partial quarter is refused: its difference from the whole quarter is a figure no
    // release publishes, which suppression cannot protect (shown leaking before the refusal existed).
    const partialQuarter = await publishStatisticsReport(
      seeded.cube,
      { from: '2025-02', to: '2025-03', granularity: 'quarter', method: 'suppression' },
      { log },
    );
    expect(E.isLeft(partialQuarter) && partialQuarter.left.code).toBe('PARTIAL_PERIOD');
    // What may be published instead, whole quarters, gives the intruder no difference to take.
    const reports: StatisticsReport[] = [];
    for (const input of [
      { from: '2025-01', to: '2025-03', granularity: 'quarter' as const, method: 'suppression' as const },
      {
        from: '2025-04',
        to: '2025-06',
        granularity: 'quarter' as const,
        method: 'suppression' as const,
        comparePrevious: true,
      },
    ]) {
      const report = await publishStatisticsReport(seeded.cube, input, { log });
      if (E.isLeft(report)) throw new Error(`${input.from}: ${report.left.code}`);
      reports.push(report.right);
    }
    const [february, comparing] = reports as [StatisticsReport, StatisticsReport];
    // The project's own intruder finds nothing: it only attacks quantities the releases publish.
    const attack = await attackPublications(
      reports.map((report) => publicationOf(seeded.cube, report)),
      { base: seeded.base, catalogue: seeded.catalogue },
    );
    expect(attack.findings).toEqual([]);
    const january = new Map<string, number>();
    for (const table of buildReportTables(
      seeded.cube.sheets(),
      seeded.cube.catalogues(),
      ReportOptionsSchema.parse({ from: '2025-01', to: '2025-01' }),
    ).interventions.flatMap((entry) => entry.tables))
      for (const quantity of table.rowTotals) january.set(quantity.key, quantity.value);
    const [partial, whole] = [figures(february), figures(comparing)];
    const disclosed: string[] = [];
    for (const intervention of comparing.interventions) {
      const key = `${intervention.headline?.prefix}|2025-Q1`;
      const [febToMar, janToMar] = [partial.get(key), whole.get(key)].map((cell) =>
        cell === undefined || cell.suppressed ? undefined : cell.value,
      );
      if (febToMar === undefined || janToMar === undefined) continue; // hidden in either
      const difference = janToMar - febToMar;
      if (difference !== 0) expect(difference).toBe(january.get(`${intervention.headline?.prefix}|2025-01`));
      if (difference >= 1 && difference <= 4)
        disclosed.push(`${key}: ${janToMar} − ${febToMar} = January ${difference}`);
    }
    console.log(disclosed);
    expect(disclosed).toEqual([]);
  }, 600_000);
});
