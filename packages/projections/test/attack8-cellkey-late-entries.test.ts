/*
 * ATTACK 8 — a period published again after late entries: the cell key does not change with
 * the count, so the difference of the two releases is exact and reads the late contacts' marks.
 *
 * Attacker: holds two cell-key releases of the same monthly report (default D = 3, V = 1), made
 * before and after some tallies of those months were entered late (a counsellor catching up;
 * the same holds for amendments after sealing, or a report of the current month re-run at its
 * end). Both are accepted: same options, same parameters, same statistics key. Knows the
 * perturbation table, not the key.
 *
 * Claim attacked (docs/statistics.md "The cell-key method"): cell keys are taken over a
 * quantity's content — the identities of its non-zero base cells, "no counts" — so "the same
 * population gets the same noise"; "repeated reports cannot be averaged"; nobody without the key
 * can tell the noise. Nothing says that a figure whose count changed keeps its noise.
 *
 * The break: a late contact added to a base cell that was already non-zero (and whose population
 * did not change) leaves the cell's content — hence its cell key — as it was. The perturbation
 * table's rows for every count ≥ D are one row (the last row serves every larger count), and the
 * key picks the same deviation in it: the published figure moves by exactly the true change.
 * (Below D the rows differ but the same key picks the same quantile: the deviations are still
 * strongly correlated.) So the difference of the two releases is the exact number of contacts
 * entered late, per month, unit and category — which, for a month that got one late contact,
 * are that contact's marks in every dimension: record-level attribute disclosure.
 * Measured on seed 42 (full volume; every 12th plain contact tally — 147 — entered after the
 * first release; the statistics key is random per run, four runs): of the 526 one-month
 * figures whose count changed (base cell non-zero before), 505–512 show the change exactly,
 * where independent noise would show ≈ 148. Of 147 (month, dimension) pairs of months that got
 * exactly one late contact, the intruder names the contact's category in 129–132 — right every
 * time it names one.
 *
 * Fixed (failing before): a cell-key report over figures published earlier that have changed
 * since is refused (FIGURES_CHANGED) and nothing is recorded; the same report over unchanged
 * figures is accepted with the same figures. The attack is kept, run on what a library without
 * release memory publishes again, to show it has teeth: the refusal is what protects. (Fresh
 * noise instead would only turn the exact change into one more noisy version to average.)
 */
import { seededYear } from '@pinnstatistik/core/testing';
import {
  buildReportTables,
  createStatisticsReport,
  eventStoreReleaseLog,
  publishStatisticsReport,
  ReportOptionsSchema,
  reportPerturbationTable,
  STATISTICS_KEY_ID,
  statisticsProjection,
} from '@pinnstatistik/projections';
import { describe, expect, it } from 'vitest';
import { replay } from '../src/runner/replay.js';
import { likelihoodOf } from './perturbation-likelihood.js';
import { adoptedStore, lateEntries, publishedFigures } from './seeded-publications.js';

const input = { from: '2025-01', to: '2025-12', granularity: 'month' } as const;
/** One month's figures (counts, categories, listed, series, participants, visitors). */
const MONTHLY = /\|2025-\d{2}(\||$)/;

describe('attack 8: a period republished after late entries', () => {
  it('does not give away the exact change, nor the late contacts marks', async () => {
    const { catalogue, store, keys, recorder } = await adoptedStore(42);
    const { late, onTime } = lateEntries(
      seededYear({ catalogue, year: 2025, seed: 42, volume: 1 }),
      catalogue,
    );
    for (const command of onTime) await recorder.record(command);
    const log = eventStoreReleaseLog(store, { catalogueId: catalogue.id, keys });
    const before = (await replay(store, statisticsProjection({ keys }))).state;
    const first = await publishStatisticsReport(before, input, { log, keys, createStatisticsKey: true });
    if (first._tag === 'Left') throw new Error(first.left.code);
    // The same report again, nothing changed: accepted, the same figures (one value per figure).
    const again = await publishStatisticsReport(before, input, { log, keys });
    if (again._tag === 'Left') throw new Error(again.left.code);
    expect(publishedFigures(again.right)).toEqual(publishedFigures(first.right));
    for (const command of late) await recorder.record(command);
    const after = (await replay(store, statisticsProjection({ keys }))).state;
    const second = await publishStatisticsReport(after, input, { log, keys, createStatisticsKey: true });
    // The figures published have changed since: the report is refused, and nothing recorded.
    expect(second._tag === 'Left' ? second.left.code : 'published').toBe('FIGURES_CHANGED');
    expect((await log.read()).releases).toHaveLength(2);

    // What a library without release memory published again (the weak version): the attack has
    // teeth there, so the refusal is what protects.
    const statisticsKey = await keys.get(STATISTICS_KEY_ID);
    if (statisticsKey === undefined) throw new Error('no statistics key');
    const unguarded = await createStatisticsReport(after, input, { statisticsKey });
    if (unguarded._tag === 'Left') throw new Error(unguarded.left.code);
    const shown1 = publishedFigures(first.right);
    const shown2 = publishedFigures(unguarded.right);
    const likelihood = likelihoodOf(reportPerturbationTable(unguarded.right.options));
    // The truth, only to score the attack.
    const truthOf = (cube: typeof before): Map<string, number> => {
      const values = new Map<string, number>();
      for (const table of buildReportTables(
        cube.sheets(),
        cube.catalogues(),
        ReportOptionsSchema.parse(input),
      ).interventions.flatMap((entry) => entry.tables))
        for (const q of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
          values.set(q.key, q.value);
      return values;
    };
    const truth1 = truthOf(before);
    const truth2 = truthOf(after);

    // (a) The published change against the true change, for every changed one-month figure.
    let changed = 0;
    let exact = 0;
    let expectedFresh = 0; // what independent noise would give: Σ_d P(d | x₁) P(d + Δ − Δ | x₂)
    for (const [key, x2] of truth2) {
      if (!MONTHLY.test(key)) continue;
      const x1 = truth1.get(key) ?? 0;
      if (x1 === x2 || x1 === 0) continue; // a new base cell is new content: fresh noise anyway
      const a = shown1.get(key);
      const b = shown2.get(key);
      if (a === undefined || b === undefined || a.suppressed || b.suppressed) continue;
      changed += 1;
      if (b.value - a.value === x2 - x1) exact += 1;
      for (let d = -3; d <= 3; d += 1) expectedFresh += likelihood(x1 + d, x1) * likelihood(x2 + d, x2);
    }

    // (b) Months (all units) that got exactly one late contact: read its marks off the differences.
    let pairs = 0;
    let named = 0;
    let right = 0;
    for (const [key, x2] of truth2) {
      const match = /^c\|([^|]+)\|(2025-\d{2})$/.exec(key);
      if (match === null) continue;
      const x1 = truth1.get(key) ?? 0;
      if (x2 - x1 !== 1) continue;
      const prefix = `${key}|`;
      const dimensions = new Map<string, string[]>();
      for (const other of truth2.keys())
        if (other.startsWith(prefix) && !other.includes('&')) {
          const dimension = other.slice(prefix.length).split('=')[0] ?? '';
          dimensions.set(dimension, [...(dimensions.get(dimension) ?? []), other]);
        }
      for (const cells of dimensions.values()) {
        const actual = cells.filter((cell) => (truth2.get(cell) ?? 0) - (truth1.get(cell) ?? 0) === 1);
        if (actual.length !== 1) continue; // a dimension the contact left blank
        pairs += 1;
        const moved = cells.filter(
          (cell) =>
            (shown2.get(cell) as { value: number }).value !== (shown1.get(cell) as { value: number }).value,
        );
        const [only] = moved;
        if (moved.length === 1 && only !== undefined) {
          const d =
            (shown2.get(only) as { value: number }).value - (shown1.get(only) as { value: number }).value;
          if (d === 1) {
            named += 1;
            if (only === actual[0]) right += 1;
          }
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log({
      late: late.length,
      changed,
      exact,
      expectedFresh: Math.round(expectedFresh),
      pairs,
      named,
      right,
    });
    expect(changed).toBeGreaterThan(100);
    expect(
      exact,
      `unguarded: ${exact} of ${changed} changed figures show their exact change (fresh noise: ≈ ${Math.round(expectedFresh)})`,
    ).toBeGreaterThan(Math.round(expectedFresh * 2));
    expect(right, `unguarded: a late contact's category read in ${right} of ${pairs} pairs`).toBeGreaterThan(
      Math.round(pairs * 0.5),
    );
  }, 60_000);
});
