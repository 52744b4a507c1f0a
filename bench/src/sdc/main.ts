/**
 * `pnpm sdc`: what disclosure control costs and whether it holds, on the seeded year (the demo's
 * seed 42 and two more), against the joint month + quarter + year integer intruder.
 *
 *   before       each report suppressed on its own by the greedy linear search, zero categories dropped
 *   cell-key     the default: month, quarter and year published by the cell-key method (D 3, V 1)
 *   suppression  month, quarter and year published in turn, each protected jointly with the earlier ones
 *
 * Figures, not timed tests: `pnpm sdc [--seeds 42,7,2025] [--skip-suppression]`. Writes reports/sdc.json.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { KeyStore } from '@pinnstatistik/core';
import {
  attackPublications,
  eventStoreReleaseLog,
  type IntruderReport,
  type Publication,
  publicationOf,
  publishedDigest,
  publishStatisticsReport,
  type ReportOptionsInput,
  STATISTICS_KEY_ID,
} from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { greedyLinearPublication } from './greedy-linear.js';
import { seededCube } from './seeded-cube.js';

const GRANULARITIES = ['month', 'quarter', 'year'] as const;
const YEAR = { from: '2025-01', to: '2025-12' } as const;
const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const seeds = (argument('--seeds') ?? '42,7,2025').split(',').map(Number);
const skipSuppression = process.argv.includes('--skip-suppression');

interface ReportFigures {
  readonly granularity: string;
  readonly cells: number;
  readonly nonZero: number;
  readonly suppressed: number;
  readonly suppressedNonZero: number;
  readonly perturbed: number;
  /** Σ |published − true| over the cells, and the counted mass (Σ true) they hold. */
  readonly absoluteDeviation: number;
  readonly mass: number;
  readonly seconds: number;
}

/** Cell-level figures of one publication (cells only; totals are counted in the intruder's targets). */
function figures(publication: Publication, seconds: number): ReportFigures {
  let cells = 0;
  let nonZero = 0;
  let suppressed = 0;
  let suppressedNonZero = 0;
  let perturbed = 0;
  let absoluteDeviation = 0;
  let mass = 0;
  publication.raw.forEach((table, t) => {
    const shown = publication.published[t];
    table.cells.forEach((row, r) => {
      row.forEach((quantity, c) => {
        const cell = shown?.cells[r]?.[c];
        if (cell === undefined) return;
        cells += 1;
        mass += quantity.value;
        if (quantity.value > 0) nonZero += 1;
        if (cell.suppressed) {
          suppressed += 1;
          if (quantity.value > 0) suppressedNonZero += 1;
          return;
        }
        if (cell.value !== quantity.value) perturbed += 1;
        absoluteDeviation += Math.abs(cell.value - quantity.value);
      });
    });
  });
  return {
    granularity: publication.options.granularity,
    cells,
    nonZero,
    suppressed,
    suppressedNonZero,
    perturbed,
    absoluteDeviation,
    mass,
    seconds,
  };
}

const attackFigures = (report: IntruderReport, k = 5) => ({
  targets: report.targets,
  exact: report.findings.filter((finding) => finding.exact).length,
  exactNonZeroBelowK: report.findings.filter(
    (finding) => finding.exact && finding.actual > 0 && finding.actual < k,
  ).length,
  protectionFailures: report.findings.filter((finding) => finding.failing !== undefined).length,
  solves: report.solves,
});

const percent = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`;
const seconds = (since: number): number => Math.round((performance.now() - since) / 100) / 10;

const results: unknown[] = [];
for (const seed of seeds) {
  const started = performance.now();
  const { catalogue, keys: periodKeys, cube, base } = await seededCube(seed);
  // A statistics key fixed by the seed, so the figures are the same on every run.
  const statisticsKey = new Uint8Array(createHash('sha256').update(`pinnstatistik sdc ${seed}`).digest());
  const keys: KeyStore = {
    get: async (keyId) => (keyId === STATISTICS_KEY_ID ? statisticsKey : periodKeys.get(keyId)),
    create: async (keyId) => (keyId === STATISTICS_KEY_ID ? statisticsKey : periodKeys.create(keyId)),
    destroy: (keyId) => periodKeys.destroy(keyId),
  };
  const context = { base, catalogue };
  console.log(`\n## seed ${seed} (recorded and replayed in ${seconds(started)} s)\n`);

  // Before: the greedy linear pattern of each report alone.
  const before = GRANULARITIES.map((granularity) => greedyLinearPublication(cube, { ...YEAR, granularity }));
  let since = performance.now();
  const beforeAttack = attackFigures(await attackPublications(before, context));
  const beforeFigures = before.map((publication) => figures(publication, 0));
  console.log(
    `before (greedy linear, zero categories dropped): joint attack in ${seconds(since)} s`,
    beforeAttack,
  );

  // Each log is a fresh store with no catalogue (one origin for all), so each gets a key store of
  // its own for its release key and anchors: under one key store, each would find the others'
  // anchors and refuse (RELEASES_MISSING, attack 37). The statistics key stays in `keys`.
  const releaseLog = () =>
    eventStoreReleaseLog(createMemoryEventStore(), {
      catalogueId: catalogue.id,
      keys: createMemoryKeyStore(),
    });

  // Cell keys, the default (the statistics key created in the key store on the first report).
  const cellKeyLog = releaseLog();
  const cellKey: Publication[] = [];
  const cellKeyFigures: ReportFigures[] = [];
  const digests: string[] = [];
  for (const granularity of GRANULARITIES) {
    since = performance.now();
    const report = await publishStatisticsReport(
      cube,
      { ...YEAR, granularity },
      { log: cellKeyLog, keys, createStatisticsKey: true },
    );
    if (report._tag === 'Left') throw new Error(report.left.message.en);
    const publication = publicationOf(cube, report.right);
    cellKey.push(publication);
    cellKeyFigures.push(figures(publication, seconds(since)));
    digests.push(report.right.release.digest);
  }
  const again = await publishStatisticsReport(
    cube,
    { ...YEAR, granularity: 'quarter' },
    { log: cellKeyLog, keys },
  );
  const identical = again._tag === 'Right' && again.right.release.digest === digests[1];
  since = performance.now();
  const cellKeyAttack = attackFigures(await attackPublications(cellKey, context));
  console.log(
    `cell-key: joint attack in ${seconds(since)} s`,
    cellKeyAttack,
    `same figures asked twice: ${identical}`,
  );

  // Suppression, each report protected jointly with the earlier ones.
  let suppression:
    | { figures: ReportFigures[]; attack: ReturnType<typeof attackFigures>; quarterAlone: ReportFigures }
    | undefined;
  if (!skipSuppression) {
    const log = releaseLog();
    const published: Publication[] = [];
    const suppressionFigures: ReportFigures[] = [];
    for (const granularity of GRANULARITIES) {
      since = performance.now();
      const input: ReportOptionsInput = { ...YEAR, granularity, method: 'suppression' };
      const report = await publishStatisticsReport(cube, input, { log });
      if (report._tag === 'Left') throw new Error(`${granularity}: ${report.left.message.en}`);
      const publication = publicationOf(cube, report.right);
      published.push(publication);
      suppressionFigures.push(figures(publication, seconds(since)));
      console.log(`suppression ${granularity}: ${seconds(since)} s`);
    }
    since = performance.now();
    const attack = attackFigures(await attackPublications(published, context));
    console.log(`suppression: joint attack in ${seconds(since)} s`, attack);
    since = performance.now();
    const alone = await publishStatisticsReport(
      cube,
      { ...YEAR, granularity: 'quarter', method: 'suppression' },
      { log: releaseLog() },
    );
    if (alone._tag === 'Left') throw new Error(alone.left.message.en);
    suppression = {
      figures: suppressionFigures,
      attack,
      quarterAlone: figures(publicationOf(cube, alone.right), seconds(since)),
    };
  }

  console.log('\n| report | cells | non-zero | `..` | `..` of non-zero | perturbed | Σ|dev| / mass | s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const row = (label: string, f: ReportFigures): void =>
    console.log(
      `| ${label} ${f.granularity} | ${f.cells} | ${f.nonZero} | ${f.suppressed} (${percent(f.suppressed, f.cells)}) | ${percent(f.suppressedNonZero, f.nonZero)} | ${percent(f.perturbed, f.cells)} | ${percent(f.absoluteDeviation, f.mass)} | ${f.seconds} |`,
    );
  for (const f of beforeFigures) row('before', f);
  for (const f of cellKeyFigures) row('cell-key', f);
  for (const f of suppression?.figures ?? []) row('suppression (joint)', f);
  if (suppression !== undefined) row('suppression (alone)', suppression.quarterAlone);
  results.push({
    seed,
    before: { figures: beforeFigures, attack: beforeAttack },
    cellKey: { figures: cellKeyFigures, attack: cellKeyAttack, identicalWhenAskedTwice: identical },
    ...(suppression === undefined ? {} : { suppression }),
    digestOfQuarter: publishedDigest(cellKey[1]?.published ?? []),
  });
}
mkdirSync('reports', { recursive: true });
writeFileSync('reports/sdc.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwrote reports/sdc.json');
