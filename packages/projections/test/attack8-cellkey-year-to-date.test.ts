/*
 * ATTACK 8 — year-to-date: a yearly report published while the year runs is a part of the year,
 * a population with noise of its own, and the monthly differences average small counts.
 *
 * Attacker: holds the yearly report for 2025 (range 2025-01 … 2025-12, granularity year — a
 * whole period, so PARTIAL_PERIOD does not apply) published at the end of every month as the
 * year runs (a manager's "this year so far"), and the monthly report published at the year's
 * end. Every release is accepted and recorded (same options, parameters and key). Knows the
 * perturbation table, not the key.
 *
 * Claim attacked (docs/statistics.md "The cell-key method"): a report covers whole periods
 * because "a part of a quarter or a year would be a population of its own"; "every figure any
 * report publishes is a sum of perturbed one-period figures … so a difference of ranges gives
 * back the period's figure as published. What remains is one version per period length".
 *
 * The break: the cell key is taken over the non-zero base cells the figure sums *today*. A
 * yearly figure published in May holds the base cells of January–April: the same population as
 * the refused range January–April, with fresh noise. Twelve year-to-date releases give the
 * yearly figures of January–k (k = 1 … 12), each perturbed afresh: the attack-6 ranges, by
 * waiting instead of asking. The intruder runs a forward–backward pass over the running sums
 * (state: the true January–k sum; each month adds its count, seen through its monthly figure;
 * each year-to-date figure sees the running sum) and takes each month's most likely count.
 * Measured on seed 42, full volume, interventions with one unit, every monthly count and
 * category (1 571 monthly figures of 1–3; the statistics key is random per run, five runs):
 * 768–829 recovered exactly, where the monthly release shows 587–628 exactly and the same pass
 * over the monthly release and the final year's own figure (the documented residual: one
 * version per period length) recovers 653–690.
 *
 * Fixed (failing before): once the yearly report is published, a report over the same figures
 * after they changed is refused (FIGURES_CHANGED) — February's "year so far" and the year-end
 * monthly report alike — and nothing is recorded: publish a period once it is over and sealed.
 * The attack is kept, run on what a library without release memory publishes, to show it has
 * teeth there.
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
import { adoptedStore, publishedFigures } from './seeded-publications.js';

const month = (k: number): string => `2025-${String(k).padStart(2, '0')}`;
const yearly = { from: '2025-01', to: '2025-12', granularity: 'year' } as const;
const monthly = { from: '2025-01', to: '2025-12', granularity: 'month' } as const;

describe('attack 8: yearly reports published as the year runs', () => {
  it('are refused once the year’s figures change; without that, they pin small monthly counts', async () => {
    const { catalogue, store, keys, recorder } = await adoptedStore(42);
    const commands = seededYear({ catalogue, year: 2025, seed: 42, volume: 1 });
    const log = eventStoreReleaseLog(store, { catalogueId: catalogue.id, keys });
    // Year-to-date: after each month's tallies, the yearly report of 2025 as the cube stands.
    const toDate: Map<string, number>[] = [];
    let next = 0;
    for (let k = 1; k <= 12; k += 1) {
      while (next < commands.length) {
        const command = commands[next] as (typeof commands)[number];
        if ('date' in command && command.date.slice(0, 7) > month(k)) break;
        await recorder.record(command);
        next += 1;
      }
      const cube = (await replay(store, statisticsProjection({ keys }))).state;
      const published = await publishStatisticsReport(cube, yearly, { log, keys, createStatisticsKey: true });
      // January's "year so far" is published; February's would be the year's figures changed.
      const outcome = published._tag === 'Left' ? published.left.code : 'published';
      expect(outcome, month(k)).toBe(k === 1 ? 'published' : 'FIGURES_CHANGED');
      // What a library without release memory published (the weak version), for the attack.
      const statisticsKey = await keys.get(STATISTICS_KEY_ID);
      if (statisticsKey === undefined) throw new Error('no statistics key');
      const report = await createStatisticsReport(cube, yearly, { statisticsKey });
      if (report._tag === 'Left') throw new Error(`${month(k)}: ${report.left.code}`);
      const shown = new Map<string, number>();
      for (const [key, cell] of publishedFigures(report.right))
        if (!cell.suppressed) shown.set(key, cell.value);
      toDate.push(shown);
    }
    const cube = (await replay(store, statisticsProjection({ keys }))).state;
    // At the year's end the monthly report is refused too: January's yearly figures have changed.
    const refused = await publishStatisticsReport(cube, monthly, { log, keys });
    expect(refused._tag === 'Left' ? refused.left.code : 'published').toBe('FIGURES_CHANGED');
    expect((await log.read()).releases).toHaveLength(1);
    const statisticsKey = await keys.get(STATISTICS_KEY_ID);
    if (statisticsKey === undefined) throw new Error('no statistics key');
    const final = await createStatisticsReport(cube, monthly, { statisticsKey });
    if (final._tag === 'Left') throw new Error(final.left.code);
    const shownMonthly = new Map<string, number>();
    for (const [key, cell] of publishedFigures(final.right))
      if (!cell.suppressed) shownMonthly.set(key, cell.value);
    const likelihood = likelihoodOf(reportPerturbationTable(final.right.options));

    // The truth, only to score the attack.
    const truth = new Map<string, number>();
    for (const table of buildReportTables(
      cube.sheets(),
      cube.catalogues(),
      ReportOptionsSchema.parse(monthly),
    ).interventions.flatMap((entry) => entry.tables))
      for (const q of [...table.cells.flat(), ...table.rowTotals]) truth.set(q.key, q.value);
    const singleUnit = new Set(
      catalogue.interventions
        .filter((policy) => policy.responsibleUnits.length === 1)
        .map((policy) => policy.id),
    );

    // Lines: a monthly figure `{prefix}|{iv}|2025-MM[|category]` and its yearly `{prefix}|{iv}|2025[|category]`.
    const lines = new Map<string, { monthly: string[]; year: string }>();
    for (const key of shownMonthly.keys()) {
      const parts = key.split('|');
      if (!/^2025-\d{2}$/.test(parts[2] ?? '') || !singleUnit.has(parts[1] ?? '')) continue;
      const year = [parts[0], parts[1], '2025', ...parts.slice(3)].join('|');
      if (!toDate[11]?.has(year)) continue;
      const line = lines.get(year) ?? { monthly: [], year };
      line.monthly.push(key);
      lines.set(year, line);
    }

    const M = 40;
    const score = { small: 0, shown: 0, alone: 0, recovered: 0 };
    const yearOnly = { small: 0, shown: 0, alone: 0, recovered: 0 };
    for (const line of lines.values()) {
      if (line.monthly.length !== 12) continue;
      line.monthly.sort();
      const F = line.monthly.map((key) => shownMonthly.get(key) as number);
      const Y = toDate.map((shown) => shown.get(line.year) as number);
      const S = Math.max(...Y) + 4;
      // A year-to-date figure that did not move, with its month shown 0: nothing new (same content).
      const fresh = Y.map((y, k) => k > 0 && !(y === Y[k - 1] && F[k] === 0));
      // The documented residual alone: the monthly figures and the year's own figure at its end.
      const documented = Y.map((_, k) => k === 11);
      for (const [mask, tally] of [
        [fresh, score],
        [documented, yearOnly],
      ] as const) {
        const emit = (k: number, s: number): number => (mask[k] ? likelihood(Y[k] as number, s) : 1);
        const step = (k: number, m: number): number => likelihood(F[k] as number, m);
        // Forward: α_k(s) = Σ_m α_{k−1}(s − m) · P(F_k | m) · P(Y_k | s).
        const alpha: number[][] = [];
        let previous: number[] = Array.from({ length: S + 1 }, (_, s) => (s === 0 ? 1 : 0));
        for (let k = 0; k < 12; k += 1) {
          const current = new Array<number>(S + 1).fill(0);
          for (let s0 = 0; s0 <= S; s0 += 1) {
            const a = previous[s0] ?? 0;
            if (a === 0) continue;
            for (let m = 0; m <= M && s0 + m <= S; m += 1)
              current[s0 + m] = (current[s0 + m] ?? 0) + a * step(k, m);
          }
          for (let s = 0; s <= S; s += 1) current[s] = (current[s] ?? 0) * emit(k, s);
          const total = current.reduce((sum, value) => sum + value, 0) || 1;
          previous = current.map((value) => value / total);
          alpha.push(previous);
        }
        // Backward: β_k(s) = Σ_m P(F_{k+1} | m) · P(Y_{k+1} | s + m) · β_{k+1}(s + m).
        const beta: number[][] = new Array(12);
        beta[11] = new Array<number>(S + 1).fill(1);
        for (let k = 10; k >= 0; k -= 1) {
          const after = beta[k + 1] as number[];
          const current = new Array<number>(S + 1).fill(0);
          for (let s = 0; s <= S; s += 1)
            for (let m = 0; m <= M && s + m <= S; m += 1)
              current[s] = (current[s] ?? 0) + step(k + 1, m) * emit(k + 1, s + m) * (after[s + m] ?? 0);
          const total = current.reduce((sum, value) => sum + value, 0) || 1;
          beta[k] = current.map((value) => value / total);
        }
        for (let k = 0; k < 12; k += 1) {
          const actual = truth.get(line.monthly[k] as string) ?? 0;
          if (actual < 1 || actual > 3) continue;
          const before =
            k === 0 ? Array.from({ length: S + 1 }, (_, s) => (s === 0 ? 1 : 0)) : (alpha[k - 1] as number[]);
          const posterior = new Array<number>(M + 1).fill(0);
          for (let s0 = 0; s0 <= S; s0 += 1) {
            const a = before[s0] ?? 0;
            if (a === 0) continue;
            for (let m = 0; m <= M && s0 + m <= S; m += 1)
              posterior[m] =
                (posterior[m] ?? 0) + a * step(k, m) * emit(k, s0 + m) * ((beta[k] as number[])[s0 + m] ?? 0);
          }
          let best = 0;
          for (let m = 1; m <= M; m += 1) if ((posterior[m] ?? 0) > (posterior[best] ?? 0)) best = m;
          let alone = 0;
          for (let m = 1; m <= M; m += 1) if (step(k, m) > step(k, alone)) alone = m;
          tally.small += 1;
          if (F[k] === actual) tally.shown += 1;
          if (alone === actual) tally.alone += 1;
          if (best === actual) tally.recovered += 1;
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log({ lines: lines.size, yearToDate: score, yearOnly });
    expect(score.small).toBeGreaterThan(100);
    // On what a library without release memory publishes the attack has teeth: the refusals
    // above are what protects.
    expect(
      score.recovered,
      `unguarded: ${score.recovered} of ${score.small} small monthly counts recovered, ${score.shown} shown exactly, ${yearOnly.recovered} from the monthly release and the final year's figure`,
    ).toBeGreaterThan(Math.max(score.shown, score.alone, yearOnly.recovered));
  }, 60_000);
});
