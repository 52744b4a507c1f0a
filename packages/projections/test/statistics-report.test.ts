import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  createStatisticsReport,
  eventStoreReleaseLog,
  isReportRefusal,
  publishStatisticsReport,
  readOnlyReleaseLog,
  replay,
  statisticsProjection,
  toCsv,
  toMarkdown,
} from '../src/index.js';
import { createBaseCells } from '../src/report/base-cells.js';
import { buildReportTables } from '../src/report/build-tables.js';
import { bucketOf } from '../src/report/period-buckets.js';
import { ReportOptionsSchema } from '../src/report/report-options.js';
import { recordedYear } from './workload.js';

const KEY = new Uint8Array(32).fill(7);
const figures = (document: {
  tables: readonly {
    cells: readonly (readonly unknown[])[];
    rowTotals: readonly unknown[];
    columnTotals: readonly unknown[];
    total: unknown;
  }[];
}) =>
  document.tables.flatMap((table) => [
    ...table.cells.flat(),
    ...table.rowTotals,
    ...table.columnTotals,
    table.total,
  ]) as ({ key: string; suppressed: false; value: number } | { key: string; suppressed: true })[];

describe('the statistics report', () => {
  it("publishes every allowed table with every category by the cell-key method: nothing suppressed, each figure of one period within D of the truth and each over several periods the sum of its periods' figures, zeros zero, the same quantity one value", async () => {
    const { store, keys } = await recordedYear(81, 0.1);
    const { state } = await replay(store, statisticsProjection({ keys }));
    const options = { from: '2025-01', to: '2025-12', granularity: 'quarter' } as const;
    const report = await createStatisticsReport(state, options, { statisticsKey: KEY });
    if (E.isLeft(report)) throw new Error(report.left.message.en);
    const { document, interventions, excluded } = report.right;
    expect(interventions).toHaveLength(16);
    expect(excluded.map((entry) => entry.interventionId).sort()).toEqual([
      'faltare-uppsokande',
      'trygghetslarm',
    ]);
    expect(document.disclosure).toMatchObject({
      method: 'cell-key',
      cellKey: { maxDeviation: 3, variance: 1, smallestPublished: 1 },
    });
    const raw = buildReportTables(
      state.sheets(),
      state.catalogues(),
      ReportOptionsSchema.parse(options),
    ).interventions.flatMap((entry) => entry.tables);
    const quantities = new Map(
      raw
        .flatMap((table) => [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
        .map((q) => [q.key, q]),
    );
    const truth = new Map([...quantities].map(([key, q]) => [key, q.value]));
    const unitsOf = new Map<string, Set<string>>();
    for (const sheet of state.sheets())
      unitsOf.set(sheet.interventionId, (unitsOf.get(sheet.interventionId) ?? new Set()).add(sheet.unitId));
    // A figure is the sum of one perturbed figure per quarter and unit it covers.
    const partsOf = (key: string): number => {
      const support = quantities.get(key)?.support;
      if (support === undefined) return 1;
      const quarters = new Set(support.months.map((month) => bucketOf(month, 'quarter'))).size;
      return quarters * (support.units ?? [...(unitsOf.get(support.interventionId) ?? [])]).length;
    };
    const shown = figures(document);
    const byKey = new Map<string, number>();
    let moved = 0;
    for (const cell of shown) {
      if (cell.suppressed) throw new Error(`${cell.key} suppressed`);
      const actual = truth.get(cell.key) as number;
      // A figure over the whole range (`|*`) or several units sums its parts' perturbed figures.
      expect(Math.abs(cell.value - actual)).toBeLessThanOrEqual(3 * Math.max(1, partsOf(cell.key)));
      expect(cell.value).toBeGreaterThanOrEqual(0);
      if (actual === 0) expect(cell.value).toBe(0);
      if (cell.value !== actual) moved += 1;
      if (byKey.has(cell.key)) expect(cell.value).toBe(byKey.get(cell.key));
      byKey.set(cell.key, cell.value);
    }
    expect(moved).toBeGreaterThan(shown.length / 10);
    // Margins over periods add up: a category over the year is the sum of its quarters as shown.
    let periodTables = 0;
    for (const table of document.tables) {
      if (!table.rows.every((row) => /^\d{4}-Q\d$/.test(row.key))) continue;
      periodTables += 1;
      const value = (cell: (typeof table.cells)[number][number]) =>
        cell.suppressed ? Number.NaN : cell.value;
      table.columnTotals.forEach((total, c) => {
        expect(value(total)).toBe(table.cells.reduce((sum, row) => sum + value(row[c] as never), 0));
      });
      expect(value(table.total)).toBe(table.rowTotals.reduce((sum, row) => sum + value(row), 0));
    }
    expect(periodTables).toBeGreaterThan(16);
    // Every band of the adults' age is a column, the empty ones too.
    const ages = document.tables.find(
      (table) => table.id === 'familjecentral-enskilda-samtal/contacts/adultAge',
    );
    expect(ages?.columns.map((column) => column.key)).toContain('95-99');
    expect(document.cost).toMatchObject({ suppressed: 0, basis: 'expected' });
    expect(document.cost.meanAbsoluteDeviation).toBeGreaterThan(0.1);
    expect(document.legend.sv).toContain('cellnyckelmetoden');
  });

  it('gives the same figures when asked twice, and the same noise to the same population however it is asked for', async () => {
    const { store, keys } = await recordedYear(84, 0.1);
    const { state } = await replay(store, statisticsProjection({ keys }));
    const ask = async (granularity: 'month' | 'quarter', from = '2025-01', to = '2025-12') => {
      const report = await createStatisticsReport(state, { from, to, granularity }, { statisticsKey: KEY });
      if (E.isLeft(report)) throw new Error(report.left.message.en);
      return report.right.document;
    };
    expect(figures(await ask('quarter'))).toEqual(figures(await ask('quarter')));
    // A quarter whose other months hold nothing is published as its one month is.
    const months = await ask('month');
    const quarters = await ask('quarter');
    const base = createBaseCells(state.sheets());
    const monthValue = new Map(figures(months).map((cell) => [cell.key, cell]));
    let compared = 0;
    for (const cell of figures(quarters)) {
      const match = /^(c\|[^|]+)\|(2025)-Q(\d)\|(.+)$/.exec(cell.key);
      if (match === null) continue;
      const [, prefix, , quarter, rest] = match as unknown as [string, string, string, string, string];
      const [dimension, value] = rest.split('=') as [string, string];
      const first = (Number(quarter) - 1) * 3 + 1;
      const monthsOf = [first, first + 1, first + 2].map((m) => `2025-${String(m).padStart(2, '0')}`);
      const interventionId = prefix.slice(2);
      const nonEmpty = monthsOf.filter(
        (month) =>
          base.value({ interventionId, months: [month], measure: `contacts|${dimension}=${value}` }) > 0,
      );
      if (nonEmpty.length !== 1) continue;
      expect(cell).toEqual({ ...monthValue.get(`${prefix}|${nonEmpty[0]}|${rest}`), key: cell.key });
      compared += 1;
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('refuses the cell-key method without the statistics key, and options it cannot use, with typed reasons', async () => {
    const { store, keys } = await recordedYear(82, 0.1);
    const { state } = await replay(store, statisticsProjection({ keys }));
    const keyless = await createStatisticsReport(state, { from: '2025-01', to: '2025-12' });
    expect(E.isLeft(keyless) && keyless.left.code).toBe('STATISTICS_KEY_REQUIRED');
    expect(E.isLeft(keyless) && isReportRefusal(keyless.left)).toBe(true);
    const partial = await createStatisticsReport(
      state,
      { from: '2025-03', to: '2025-08', granularity: 'quarter' },
      { statisticsKey: KEY },
    );
    expect(E.isLeft(partial) && partial.left.code).toBe('PARTIAL_PERIOD');
    const one = await createStatisticsReport(
      state,
      {
        from: '2025-01',
        to: '2025-09',
        granularity: 'quarter',
        interventions: ['rad-och-stod'],
        units: ['motesplats'],
      },
      { statisticsKey: KEY },
    );
    expect(E.isRight(one) && one.right.interventions.map((entry) => entry.interventionId)).toEqual([
      'rad-och-stod',
    ]);
    expect(E.isRight(one) && one.right.document.tables[0]?.rows.map((row) => row.key)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
    ]);
    const wrong = await createStatisticsReport(
      state,
      { from: '2025-12', to: '2025-01' },
      { statisticsKey: KEY },
    );
    expect(E.isLeft(wrong) && wrong.left.code).toBe('INVALID_REPORT_OPTIONS');
    const unknown = await createStatisticsReport(
      state,
      { from: '2025-01', to: '2025-12', interventions: ['no-such'] },
      { statisticsKey: KEY },
    );
    expect(
      E.isLeft(unknown) && unknown.left.code === 'INVALID_REPORT_OPTIONS' && unknown.left.issues[0]?.path,
    ).toBe('/interventions');
    const noisy = await createStatisticsReport(
      state,
      { from: '2025-01', to: '2025-12', maxDeviation: 2, variance: 4 },
      { statisticsKey: KEY },
    );
    expect(E.isLeft(noisy) && noisy.left.code).toBe('INVALID_REPORT_OPTIONS');
  });

  it('remembers releases: records each one, refuses another method, other parameters or another statistics key over the same figures', async () => {
    const { store, keys } = await recordedYear(85, 0.1);
    const { state } = await replay(store, statisticsProjection({ keys }));
    const log = eventStoreReleaseLog(store, { catalogueId: 'vaggeryd', keys });
    const first = await publishStatisticsReport(
      state,
      { from: '2025-01', to: '2025-06', interventions: ['rad-och-stod'] },
      { log, keys, createStatisticsKey: true },
    );
    expect(E.isRight(first) && first.right.recorded).toBe(true);
    const { releases } = await log.read();
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({
      options: { method: 'cell-key', from: '2025-01' },
      statisticsKeyCheck: expect.any(String),
    });
    const overlapping = { from: '2025-04', to: '2025-09', interventions: ['rad-och-stod'] };
    const suppressed = await publishStatisticsReport(
      state,
      { ...overlapping, method: 'suppression' },
      { log, keys },
    );
    expect(E.isLeft(suppressed) && suppressed.left.code).toBe('METHOD_CONFLICT');
    const wider = await publishStatisticsReport(
      state,
      { ...overlapping, maxDeviation: 4, variance: 2 },
      { log, keys },
    );
    expect(E.isLeft(wider) && wider.left.code).toBe('PARAMETERS_CONFLICT');
    const rotated = await createStatisticsReport(state, overlapping, { statisticsKey: KEY, releases });
    expect(E.isLeft(rotated) && rotated.left.code).toBe('STATISTICS_KEY_CHANGED');
    // Other figures (another intervention) may use another method.
    const elsewhere = await publishStatisticsReport(
      state,
      { ...overlapping, interventions: ['anhorigstod'], method: 'suppression' },
      { log, keys },
    );
    expect(E.isRight(elsewhere) && elsewhere.right.recorded).toBe(true);
    // A read-only log (an export) reproduces a recorded release, unrecorded, and says so.
    const exported = await publishStatisticsReport(
      state,
      { from: '2025-01', to: '2025-06', interventions: ['rad-och-stod'] },
      { log: readOnlyReleaseLog(store, { keys }), keys },
    );
    expect(E.isRight(exported) && exported.right.recorded).toBe(false);
    expect(E.isRight(exported) && exported.right.notes.map((note) => note.en).join()).toContain(
      'reproduces a release already recorded',
    );
    // A new cell-key report from it is refused, unless asked for as unrecorded (never to publish).
    const fresh = { from: '2025-01', to: '2025-03', interventions: ['rad-och-stod'] };
    const refused = await publishStatisticsReport(state, fresh, {
      log: readOnlyReleaseLog(store, { keys }),
      keys,
    });
    expect(E.isLeft(refused) && refused.left.code).toBe('RELEASE_NOT_RECORDED');
    const checking = await publishStatisticsReport(state, fresh, {
      log: readOnlyReleaseLog(store, { keys }),
      keys,
      allowUnrecorded: true,
    });
    expect(E.isRight(checking) && checking.right.notes.map((note) => note.en).join()).toContain(
      'must not be published',
    );
    expect((await log.read()).releases).toHaveLength(2);
  });

  it('renders as CSV and Markdown with the legend and the cost in both languages', async () => {
    const { store, keys } = await recordedYear(83, 0.05);
    const { state } = await replay(store, statisticsProjection({ keys }));
    const report = await createStatisticsReport(
      state,
      { from: '2025-01', to: '2025-12', granularity: 'quarter' },
      { statisticsKey: KEY },
    );
    if (E.isLeft(report)) throw new Error('refused');
    const markdown = toMarkdown(report.right.document, { lang: 'sv' });
    expect(markdown).toContain('slumpats');
    expect(markdown).toContain('Röjandekontroll: ungefär');
    const csv = toCsv(report.right.document, { lang: 'en' });
    expect(csv.split('\n').length).toBeGreaterThan(100);
    expect(csv).toContain('_REPORT,,');
    expect(csv).toContain('Mean absolute deviation (expected)');
  });
});
