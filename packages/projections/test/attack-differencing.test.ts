import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentCell } from '../src/format/report-document.js';
import { attackPublications, publicationOf } from '../src/intruder/attack-publications.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog } from '../src/releases/release-log.js';
import { buildReportTables } from '../src/report/build-tables.js';
import { type ReportOptionsInput, ReportOptionsSchema } from '../src/report/report-options.js';
import type { StatisticsReport } from '../src/report/statistics-report.js';
import { publishedFigures as figures, seededCube } from './seeded-publications.js';

let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

const truthOf = (input: ReportOptionsInput): Map<string, number> => {
  const truth = new Map<string, number>();
  for (const table of buildReportTables(
    seeded.cube.sheets(),
    seeded.cube.catalogues(),
    ReportOptionsSchema.parse(input),
  ).interventions.flatMap((entry) => entry.tables))
    for (const q of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
      truth.set(q.key, q.value);
  return truth;
};

// Attack (independent review), from the CLI alone: `report --method suppression --granularity
// quarter --from 2025-02 --to 2025-06`, then the same `--from 2025-01`. Both publish a "2025-Q1"
// row — Feb–Mar in the first, Jan–Mar in the second — so their difference is January, exactly.
// January on its own is a quantity of neither release, so neither the joint protection nor the
// project's intruder ever makes it a target: small January counts come out unchecked.
describe('attack: differencing two suppressed releases whose periods are nested', () => {
  it('a month nobody published on its own is not found by subtracting two published figures', async () => {
    const log = eventStoreReleaseLog(seeded.store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });
    const pairs: [ReportOptionsInput, ReportOptionsInput, string][] = [
      // Two quarterly reports, one starting mid-quarter: "2025-Q1" is Feb–Mar in one, Jan–Mar in the other.
      [
        { from: '2025-02', to: '2025-06', granularity: 'quarter' },
        { from: '2025-01', to: '2025-06', granularity: 'quarter' },
        'range',
      ],
    ];
    const disclosed: string[] = [];
    const refused: string[] = [];
    for (const [partial, whole, name] of pairs) {
      const reports: StatisticsReport[] = [];
      for (const input of [partial, whole]) {
        const report = await publishStatisticsReport(
          seeded.cube,
          {
            ...input,
            interventions: [
              'rad-och-stod',
              'ungdomsmottagning-enskilda-samtal',
              'familjecentral-enskilda-samtal',
            ],
            method: 'suppression',
          },
          { log },
        );
        if (E.isLeft(report)) {
          refused.push(`${name}: ${report.left.code}`);
          break;
        }
        reports.push(report.right);
      }
      if (reports.length < 2) continue;
      // The project's own intruder sees nothing wrong: it only attacks the releases' own quantities.
      const attack = await attackPublications(
        reports.map((report) => publicationOf(seeded.cube, report)),
        { base: seeded.base, catalogue: seeded.catalogue },
      );
      expect(attack.findings).toEqual([]);
      const [p, w] = reports.map(figures) as [Map<string, DocumentCell>, Map<string, DocumentCell>];
      const january = truthOf({ from: '2025-01', to: '2025-01', granularity: 'month' });
      for (const [key, cell] of w) {
        if (!key.includes('|2025-Q1')) continue;
        const part = p.get(key);
        if (part === undefined || part.suppressed || cell.suppressed) continue;
        const difference = (cell.value ?? 0) - (part.value ?? 0);
        const actual = january.get(key.replace('|2025-Q1', '|2025-01'));
        expect(difference).toBe(actual);
        if (difference >= 1 && difference <= 4)
          disclosed.push(`${name}: ${key} − Feb–Mar = January ${difference}`);
      }
    }
    console.log(`${disclosed.length} January counts 1–4 disclosed, e.g.`, disclosed.slice(0, 6));
    expect(disclosed).toEqual([]);
    // Closed by refusing the partial period under suppression (it leaked before the refusal existed).
    expect(refused).toEqual(['range: PARTIAL_PERIOD']);
  }, 600_000);
});
