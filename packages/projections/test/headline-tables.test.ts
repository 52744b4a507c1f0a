import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentCell, DocumentTable } from '../src/format/report-document.js';
import { changeBetween, reportOverview } from '../src/format/report-overview.js';
import { attackPublications, type Publication, publicationOf } from '../src/intruder/attack-publications.js';
import { publishStatisticsReport } from '../src/releases/publish-report.js';
import { eventStoreReleaseLog } from '../src/releases/release-log.js';
import { buildReportTables } from '../src/report/build-tables.js';
import { bucketOf, monthsOfBucket } from '../src/report/period-buckets.js';
import type { Quantity, RawTable } from '../src/report/report-model.js';
import { type ReportOptionsInput, ReportOptionsSchema } from '../src/report/report-options.js';
import { createStatisticsReport, type StatisticsReport } from '../src/report/statistics-report.js';
import { seededCube } from './seeded-publications.js';

// The per-unit breakdown and the previous period are figures of their own: they must be
// published and protected in the same release as the rest, and whatever is shown of them
// (the overview, the comparison) must be the published figures — never a count read before
// protection.

const statisticsKey = new Uint8Array(createHash('sha256').update('pinnstatistik headline tables').digest());
const RAD_OCH_STOD = 'rad-och-stod'; // three units
const UNITS_OF_RAD_OCH_STOD = 3;
const FROM_APRIL = { from: '2025-04', to: '2025-12', granularity: 'quarter' } as const;
let seeded: Awaited<ReturnType<typeof seededCube>>;
beforeAll(async () => {
  seeded = await seededCube(42);
}, 120_000);

function published(report: StatisticsReport): Map<string, DocumentCell> {
  const cells = new Map<string, DocumentCell>();
  for (const table of report.document.tables)
    for (const cell of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
      cells.set(cell.key, cell);
  return cells;
}

function rawQuantities(input: ReportOptionsInput): Map<string, Quantity> {
  const options = ReportOptionsSchema.parse(input);
  const quantities = new Map<string, Quantity>();
  const tables: RawTable[] = buildReportTables(
    seeded.cube.sheets(),
    seeded.cube.catalogues(),
    options,
  ).interventions.flatMap((entry) => entry.tables);
  for (const table of tables)
    for (const quantity of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
      quantities.set(quantity.key, quantity);
  return quantities;
}

const tableOf = (report: StatisticsReport, id: string): DocumentTable => {
  const table = report.document.tables.find((candidate) => candidate.id === id);
  if (table === undefined) throw new Error(`no table ${id}`);
  return table;
};

describe('the per-unit breakdown and the previous period', () => {
  it('are published by the cell-key method like every other figure: each unit and quarter within D of the truth (a figure over several quarters or units the sum of its parts, within D a part), one value per quantity', async () => {
    const input = { ...FROM_APRIL, byUnit: true, comparePrevious: true, interventions: [RAD_OCH_STOD] };
    const report = await createStatisticsReport(seeded.cube, input, { statisticsKey });
    if (E.isLeft(report)) throw new Error(report.left.message.en);
    const byUnit = tableOf(report.right, `${RAD_OCH_STOD}/by-unit`);
    expect(byUnit.columns.map((column) => column.label.sv)).toEqual([
      'Familj- och ungdomsteamet',
      'Mötesplats',
      'Mottaget MY',
    ]);
    expect(byUnit.rows.map((row) => row.key)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4']);
    const previous = tableOf(report.right, `${RAD_OCH_STOD}/previous-period`);
    expect(previous.rows.map((row) => row.label.sv)).toEqual(['2025 kv. 1']);
    const truth = rawQuantities(input);
    const figures = published(report.right);
    const d = report.right.options.maxDeviation;
    let moved = 0;
    for (const [key, cell] of figures) {
      const quantity = truth.get(key);
      if (quantity === undefined || cell.suppressed) throw new Error(`${key} not published as a figure`);
      // A figure over the three quarters (`|*`) or several units is the sum of its parts'
      // perturbed figures (one per quarter and unit); a unit's quarter is one part.
      const support = quantity.support;
      const parts =
        support === undefined
          ? 1
          : new Set(support.months.map((month) => bucketOf(month, 'quarter'))).size *
            (support.units?.length ?? UNITS_OF_RAD_OCH_STOD);
      expect(Math.abs(cell.value - quantity.value), key).toBeLessThanOrEqual(parts * d);
      if (cell.value !== quantity.value) moved += 1;
    }
    expect(moved).toBeGreaterThan(0);
    // A quarter's count in the breakdown is the count in the intervention's own table (one key, one value).
    const contacts = tableOf(report.right, `${RAD_OCH_STOD}/contacts`);
    byUnit.rowTotals.forEach((total, r) => {
      expect(total).toEqual(contacts.rowTotals[r]);
    });
    // The previous quarter gets the value any report covering it gives it: the same noise.
    const q1 = await createStatisticsReport(
      seeded.cube,
      { from: '2025-01', to: '2025-03', granularity: 'quarter', interventions: [RAD_OCH_STOD] },
      { statisticsKey },
    );
    if (E.isLeft(q1)) throw new Error(q1.left.message.en);
    expect(previous.total).toEqual(published(q1.right).get(`c|${RAD_OCH_STOD}|2025-Q1`));
  }, 60_000);

  it('overview and comparison show only published figures: the change is the difference of the perturbed figures, not of the true counts', async () => {
    const input = { ...FROM_APRIL, comparePrevious: true };
    const report = await createStatisticsReport(seeded.cube, input, { statisticsKey });
    if (E.isLeft(report)) throw new Error(report.left.message.en);
    const figures = published(report.right);
    const truth = rawQuantities(input);
    const overview = reportOverview(report.right);
    const comparison = overview.comparison;
    if (comparison === undefined) throw new Error('no comparison');
    expect(comparison.previous.key).toBe('2025-Q3');
    expect(comparison.current.key).toBe('2025-Q4');
    let unlikeTheTruth = 0;
    for (const row of comparison.rows) {
      const intervention = report.right.interventions.find(
        (entry) => entry.interventionId === row.interventionId,
      );
      const prefix = intervention?.headline?.prefix;
      if (prefix === undefined) throw new Error(`${row.interventionId} has no headline`);
      const [before, now] = [figures.get(`${prefix}|2025-Q3`), figures.get(`${prefix}|2025-Q4`)];
      if (before === undefined || now === undefined || before.suppressed || now.suppressed)
        throw new Error(`${prefix}: not published`);
      expect(row.previous).toEqual(before);
      expect(row.current).toEqual(now);
      expect(row.change).toMatchObject({ kind: 'published', difference: now.value - before.value });
      const trueDifference =
        (truth.get(`${prefix}|2025-Q4`)?.value ?? 0) - (truth.get(`${prefix}|2025-Q3`)?.value ?? 0);
      if (trueDifference !== now.value - before.value) unlikeTheTruth += 1;
    }
    // Were the change worked out from the true counts, every row would match them.
    expect(unlikeTheTruth).toBeGreaterThan(0);
    // Every figure of the overview is the published figure under its own key.
    for (const row of overview.rows)
      for (const cell of [...row.cells, row.total])
        if (cell !== undefined) expect(figures.get(cell.key)).toEqual(cell);
    // Every intervention of the catalogue, in its order, the excluded ones said to be so.
    const rows = overview.rows.map((row) => row.label.sv);
    expect(rows).toHaveLength(seeded.catalogue.interventions.length);
    expect(rows.map((label) => Number(label.split('.')[0]))).toEqual(
      seeded.catalogue.interventions.map((policy) => policy.sourceRow),
    );
    expect(rows).toContain('8. Enskilda samtal kuratorer – Ungdomsmottagningen');
    expect(
      overview.rows.find((row) => row.label.sv === '6. Uppsökande verksamhet – Fältare')?.excluded,
    ).toBeDefined();
  }, 60_000);

  it('hide the change where a figure is hidden', () => {
    const shown = (value: number): DocumentCell => ({ key: 'a', suppressed: false, value });
    const hidden: DocumentCell = { key: 'b', suppressed: true, symbol: '..' };
    expect(changeBetween(shown(4), hidden)).toEqual({ kind: 'suppressed' });
    expect(changeBetween(hidden, shown(9))).toEqual({ kind: 'suppressed' });
    expect(changeBetween(shown(20), shown(15))).toEqual({ kind: 'published', difference: -5, percent: -25 });
    expect(changeBetween(shown(0), shown(3))).toEqual({ kind: 'published', difference: 3 });
  });

  it('are protected jointly by suppression: the intruder with the month and quarter breakdowns pins down or narrows no hidden count', async () => {
    const selection = {
      byUnit: true,
      comparePrevious: true,
      interventions: [RAD_OCH_STOD],
      method: 'suppression' as const,
    };
    const log = eventStoreReleaseLog(seeded.store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });
    const publications: Publication[] = [];
    for (const granularity of ['month', 'quarter'] as const) {
      const report = await publishStatisticsReport(
        seeded.cube,
        { ...FROM_APRIL, ...selection, granularity },
        { log },
      );
      if (E.isLeft(report)) throw new Error(report.left.message.en);
      expect(report.right.document.tables.some((table) => table.id.endsWith('/by-unit'))).toBe(true);
      publications.push(publicationOf(seeded.cube, report.right));
    }
    const attack = await attackPublications(publications, { base: seeded.base, catalogue: seeded.catalogue });
    expect(attack.targets).toBeGreaterThan(20);
    expect(attack.findings).toEqual([]);
  }, 240_000);

  it('widen what a release covers: a report compared with the previous quarter overlaps a release of that quarter', async () => {
    const log = eventStoreReleaseLog(seeded.store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });
    const first = await publishStatisticsReport(
      seeded.cube,
      {
        from: '2025-01',
        to: '2025-03',
        granularity: 'quarter',
        interventions: ['motesplats-oppen-verksamhet'],
        method: 'suppression',
      },
      { log },
    );
    if (E.isLeft(first)) throw new Error(first.left.message.en);
    const later = await createStatisticsReport(
      seeded.cube,
      { ...FROM_APRIL, comparePrevious: true, interventions: ['motesplats-oppen-verksamhet'] },
      { statisticsKey, releases: (await log.read()).releases },
    );
    expect(E.isLeft(later) && later.left.code).toBe('METHOD_CONFLICT');
    const without = await createStatisticsReport(
      seeded.cube,
      { ...FROM_APRIL, interventions: ['motesplats-oppen-verksamhet'] },
      { statisticsKey, releases: (await log.read()).releases },
    );
    expect(E.isRight(without)).toBe(true);
    expect(monthsOfBucket('2025-Q1')).toEqual(['2025-01', '2025-02', '2025-03']);
  }, 60_000);
});
