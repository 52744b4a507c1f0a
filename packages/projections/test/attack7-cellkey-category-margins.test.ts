/*
 * ATTACK 7 — one cell-key release gives a small count several independent noisy versions: the
 * count itself, and the sum of each dimension's categories.
 *
 * Attacker: holds ONE published monthly report (cell-key method, default parameters D = 3,
 * V = 1) of a small municipality (the core/testing seeded year at a fifth of its volume, so that
 * monthly contact counts of 1–3 are common), knows the perturbation table (it is in the legend
 * and the docs), not the statistics key. No differencing across releases is needed.
 *
 * Claim attacked (docs/statistics.md "The cell-key method"): "the same population gets the same
 * noise however it is asked for … repeated reports cannot be averaged"; what remains is "one
 * version per period length", which D = 3 is sized for; an intruder cannot pin down a small
 * count (1 … D) more often than one release shows it.
 *
 * The break: an intervention's contacts in a month are published as `c|iv|month`, and again —
 * split into categories — in every dimension's table (`c|iv|month|gender=…`,
 * `c|iv|month|problemArea=…`, …). Every contact has one value per dimension, so each
 * dimension's categories add up to the same contacts: the SAME population. But the cell key is
 * taken over base cells whose identity includes the measure string (`contacts|gender=female` ≠
 * `contacts`), so each category figure gets fresh, independent noise. For a month with one
 * contact, each dimension has exactly one non-zero category holding that one contact — with
 * rad-och-stod or familjecentral-enskilda-samtal that is 5–7 more independent perturbations of
 * the same "1". The attacker convolves each dimension's category likelihoods (from the public
 * perturbation table; a shown 0 may hide 0 … D; each contact in a category with the category's
 * share of the published year) and takes the most likely total. Measured (the statistics key is
 * random per run): 48–54 of 72 small monthly counts recovered, where the release shows 24–30
 * of them exactly and the same estimator on the count's own figure alone recovers as many.
 *
 * Fixed (failing before): a base cell is keyed by its population — the coarsest measure of its
 * sheet counting the same people — so a month of one contact shows the month's figure in every
 * dimension's table, and the attacker pins it no more often than the figure itself shows it.
 * Months whose contacts a dimension splits keep a documented residual (docs/statistics.md).
 */

import {
  buildReportTables,
  eventStoreReleaseLog,
  publishStatisticsReport,
  ReportOptionsSchema,
  reportPerturbationTable,
} from '@pinnstatistik/projections';
import { describe, expect, it } from 'vitest';
import { likelihoodOf } from './perturbation-likelihood.js';
import { publishedFigures, seededCube } from './seeded-publications.js';

const MAX = 60;
/** A small municipality: the seeded year at a fifth of its volume. */
const VOLUME = 0.2;

describe('attack 7: a small count averaged over its own category margins, from one release', () => {
  it('pins small monthly counts no more often than the release shows them', async () => {
    const seeded = await seededCube(42, VOLUME);
    const log = eventStoreReleaseLog(seeded.store, { catalogueId: seeded.catalogue.id, keys: seeded.keys });
    const input = { from: '2025-01', to: '2025-12', granularity: 'month' } as const;
    const report = await publishStatisticsReport(seeded.cube, input, {
      log,
      keys: seeded.keys,
      createStatisticsKey: true,
    });
    if (report._tag === 'Left') throw new Error(report.left.code);
    const figures = publishedFigures(report.right);
    const table = reportPerturbationTable(report.right.options);

    // P(published | true count), from the public perturbation table.
    const likelihood = likelihoodOf(table);
    // A dimension's categories: the likelihood of their figures given the total they add up to,
    // each contact falling in a category with the share the category has over the year (the
    // year's column totals, published in the same report, are large and as good as exact).
    const dimensionLikelihood = (shown: readonly number[], shares: readonly number[]): number[] => {
      // Multinomial: x! · Π (p_v^c_v / c_v!) · P(shown_v | c_v), convolved over the categories.
      let sum: number[] = Array.from({ length: MAX + 1 }, (_, x) => (x === 0 ? 1 : 0));
      shown.forEach((value, v) => {
        const p = shares[v] ?? 0;
        const next = new Array<number>(MAX + 1).fill(0);
        let weight = 1; // p^c / c!
        const weights = Array.from({ length: MAX + 1 }, (_, c) => {
          if (c > 0) weight *= p / c;
          return weight * likelihood(value, c);
        });
        for (let a = 0; a <= MAX; a += 1) {
          if (sum[a] === 0) continue;
          for (let c = 0; a + c <= MAX; c += 1)
            next[a + c] = (next[a + c] ?? 0) + (sum[a] ?? 0) * (weights[c] ?? 0);
        }
        sum = next;
      });
      let factorial = 1;
      return sum.map((value, x) => {
        if (x > 0) factorial *= x;
        return value * factorial;
      });
    };

    // The attacker's groups: each intervention-month total and its dimension categories, by key.
    const groups = new Map<string, { total: number; dimensions: Map<string, number[]> }>();
    const categories = new Map<string, string[]>(); // iv|dimension → its categories, in order
    const yearly = new Map<string, number>(); // iv|dimension=value → the year's published total
    for (const [key, cell] of figures) {
      if (cell.suppressed) continue;
      const parts = key.split('|');
      if (parts[0] === 'c' && parts[2] === '*' && parts.length === 4 && !(parts[3] ?? '').includes('&'))
        yearly.set(`${parts[1]}|${parts[3]}`, cell.value);
      if (parts[0] !== 'c' || parts.length < 3 || !/^\d{4}-\d{2}$/.test(parts[2] ?? '')) continue;
      const id = `${parts[1]}|${parts[2]}`;
      const group = groups.get(id) ?? { total: Number.NaN, dimensions: new Map<string, number[]>() };
      if (parts.length === 3) group.total = cell.value;
      else if (!(parts[3] ?? '').includes('&')) {
        const dimension = (parts[3] ?? '').split('=')[0] ?? '';
        group.dimensions.set(dimension, [...(group.dimensions.get(dimension) ?? []), cell.value]);
        const known = categories.get(`${parts[1]}|${dimension}`) ?? [];
        if (!known.includes(parts[3] ?? ''))
          categories.set(`${parts[1]}|${dimension}`, [...known, parts[3] ?? '']);
      }
      groups.set(id, group);
    }

    // The truth, only to score the attack.
    const options = ReportOptionsSchema.parse(input);
    const truth = new Map<string, number>();
    for (const raw of buildReportTables(
      seeded.cube.sheets(),
      seeded.cube.catalogues(),
      options,
    ).interventions.flatMap((entry) => entry.tables))
      for (const quantity of raw.rowTotals) {
        const parts = quantity.key.split('|');
        if (parts[0] === 'c' && parts.length === 3) truth.set(`${parts[1]}|${parts[2]}`, quantity.value);
      }

    let small = 0;
    let shownExactly = 0;
    let recovered = 0;
    let aloneRecovered = 0; // the same estimator on the count's own figure only
    // Months of one contact: what the fix closes wholly (every category holding it is the month).
    const ones = { small: 0, shownExactly: 0, aloneRecovered: 0, recovered: 0, categoriesUnlikeTheMonth: 0 };
    for (const [id, group] of groups) {
      const actual = truth.get(id);
      if (actual === undefined || actual < 1 || actual > 3 || group.dimensions.size === 0) continue;
      small += 1;
      if (group.total === actual) shownExactly += 1;
      const posterior = Array.from({ length: MAX + 1 }, (_, x) => likelihood(group.total, x));
      let alone = 0;
      for (let x = 1; x <= MAX; x += 1) if ((posterior[x] ?? 0) > (posterior[alone] ?? 0)) alone = x;
      if (alone === actual) aloneRecovered += 1;
      const iv = id.split('|')[0];
      for (const [dimension, shown] of group.dimensions) {
        const names = categories.get(`${iv}|${dimension}`) ?? [];
        const totals = names.map((name) => Math.max(yearly.get(`${iv}|${name}`) ?? 0, 0) + 0.5);
        const all = totals.reduce((sum, value) => sum + value, 0);
        const per = dimensionLikelihood(
          shown,
          totals.map((value) => value / all),
        );
        for (let x = 0; x <= MAX; x += 1) posterior[x] = (posterior[x] ?? 0) * (per[x] ?? 0);
      }
      let best = 0;
      for (let x = 1; x <= MAX; x += 1) if ((posterior[x] ?? 0) > (posterior[best] ?? 0)) best = x;
      if (best === actual) recovered += 1;
      if (actual === 1) {
        ones.small += 1;
        if (group.total === actual) ones.shownExactly += 1;
        if (alone === actual) ones.aloneRecovered += 1;
        if (best === actual) ones.recovered += 1;
        for (const shown of group.dimensions.values())
          if (shown.some((value) => value !== 0 && value !== group.total)) ones.categoriesUnlikeTheMonth += 1;
      }
    }
    // eslint-disable-next-line no-console
    console.log({ small, shownExactly, aloneRecovered, recovered, ones });
    expect(small).toBeGreaterThan(20);
    expect(ones.small).toBeGreaterThan(10);
    // A month of one contact: every category that holds the contact is the same population as
    // the month, so it shows the month's figure — one version, whatever the dimensions.
    expect(ones.categoriesUnlikeTheMonth).toBe(0);
    expect(
      ones.recovered,
      `months of one contact: ${ones.recovered} of ${ones.small} recovered, ${ones.shownExactly} shown exactly`,
    ).toBeLessThanOrEqual(Math.max(ones.shownExactly, ones.aloneRecovered));
    // Months of two or three contacts keep a residual, documented in docs/statistics.md: where a
    // dimension splits the month's contacts, its categories are populations of their own with
    // noise of their own, and each such dimension is one more noisy version of the month's
    // count (before: 48–54 of 72 small counts recovered; now 37–47, with 30–32 shown exactly).
    // Keys over each contact's own record key would close it, but the sealed tables keep counts
    // only: a key per contact kept beside them would link the contact's marks across tables.
  }, 120_000);
});
