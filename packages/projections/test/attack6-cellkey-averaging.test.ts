/*
 * ATTACK 6 — averaging overlapping cell-key releases (differencing, then averaging). Found by a
 * fresh attacker; this test failed before the fix.
 *
 * Attacker: holds every published release (each goes through `publishStatisticsReport` with the
 * store's release log and is recorded) and knows the perturbation table, not the statistics key.
 *
 * The attack: a figure over a range (a category's total from January to month k) was perturbed
 * as a population of its own. The ranges January–k and February–k (k = 2 … 12) then differ by
 * January plus two independent deviations: with January's own figure, twelve noisy versions of
 * every January count, whose mean pinned down small counts (1 … 4) about twice as often as one
 * release shows them (seed 42: 124–138 of 380 shown exactly, 239–246 recovered).
 *
 * Secure behaviour: a figure over several periods is the sum of its periods' perturbed figures,
 * and a report covers whole periods (a part of a quarter or year would be a new population). So
 * the differences give back January's own figure, exactly as published, and averaging gains
 * nothing. Partial periods — the attacker's first form, a yearly column for January–k — are
 * refused.
 */
import {
  buildReportTables,
  eventStoreReleaseLog,
  publishStatisticsReport,
  ReportOptionsSchema,
} from '@pinnstatistik/projections';
import { describe, expect, it } from 'vitest';
import { seededCube } from './seeded-publications.js';

const month = (k: number): string => `2025-${String(k).padStart(2, '0')}`;

describe('attack 6: overlapping cell-key releases, differenced and averaged', () => {
  it('refuse a part of a year, and give January back only as January is published: no small count pinned more often', async () => {
    const seeded = await seededCube(42);
    const log = eventStoreReleaseLog(seeded.store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });
    const figures = new Map<string, Map<string, number>>();
    const refused: string[] = [];
    const publish = async (from: string, to: string, granularity: 'month' | 'year'): Promise<void> => {
      const report = await publishStatisticsReport(
        seeded.cube,
        { from, to, granularity },
        { log, keys: seeded.keys, createStatisticsKey: true },
      );
      if (report._tag === 'Left') {
        refused.push(`${granularity} ${from}..${to}: ${report.left.code}`);
        return;
      }
      const published = new Map<string, number>();
      for (const table of report.right.document.tables)
        for (const cell of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
          published.set(cell.key, cell.suppressed ? Number.NaN : cell.value);
      figures.set(`${from}..${to}`, published);
    };
    // The attacker's first form: yearly columns for January–k and February–k. All refused but the whole year.
    for (let k = 1; k <= 12; k += 1) await publish('2025-01', month(k), 'year');
    for (let k = 2; k <= 12; k += 1) await publish('2025-02', month(k), 'year');
    expect(refused).toHaveLength(22);
    expect(refused.every((entry) => entry.endsWith('PARTIAL_PERIOD'))).toBe(true);
    // The same attack through monthly reports, which every range of months allows: the range's
    // column totals January–k and February–k, differenced.
    figures.clear();
    for (let k = 1; k <= 12; k += 1) await publish('2025-01', month(k), 'month');
    for (let k = 2; k <= 12; k += 1) await publish('2025-02', month(k), 'month');
    expect(figures.size).toBe(23);

    // The truth, only to score the attack: January's counts, keyed as the range figures are.
    const truth = new Map<string, number>();
    const options = ReportOptionsSchema.parse({ from: '2025-01', to: '2025-01', granularity: 'month' });
    for (const table of buildReportTables(
      seeded.cube.sheets(),
      seeded.cube.catalogues(),
      options,
    ).interventions.flatMap((entry) => entry.tables))
      for (const q of [...table.columnTotals, table.total]) truth.set(q.key, q.value);

    const january = figures.get('2025-01..2025-01') ?? new Map<string, number>();
    let small = 0;
    let shownExactly = 0;
    let averagedExactly = 0;
    let differencesAsPublished = 0;
    let differences = 0;
    for (const [key, actual] of truth) {
      if (actual < 1 || actual > 4) continue;
      small += 1;
      const shown = january.get(key) ?? Number.NaN;
      const estimates = [shown];
      for (let k = 2; k <= 12; k += 1) {
        const withJanuary = figures.get(`2025-01..${month(k)}`)?.get(key);
        const without = figures.get(`2025-02..${month(k)}`)?.get(key);
        if (withJanuary === undefined || without === undefined) continue;
        estimates.push(withJanuary - without);
        differences += 1;
        if (withJanuary - without === shown) differencesAsPublished += 1;
      }
      const mean = estimates.reduce((sum, value) => sum + value, 0) / estimates.length;
      if (shown === actual) shownExactly += 1;
      if (Math.round(mean) === actual) averagedExactly += 1;
    }
    expect(small).toBeGreaterThan(100);
    expect(differences).toBeGreaterThan(small * 10);
    // Every difference is January's figure as published: one noisy version, however many releases.
    expect(differencesAsPublished).toBe(differences);
    expect(averagedExactly).toBe(shownExactly);
  }, 600_000);
});
