import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  attackReport,
  createStatisticsReport,
  replay,
  statisticsProjection,
  toCsv,
  toMarkdown,
} from '../src/index.js';
import { recordedYear } from './workload.js';

describe('the statistics report', () => {
  it('publishes every allowed table, suppressed so that no suppressed cell can be recovered', async () => {
    const { store, keys } = await recordedYear(81, 0.1);
    const { state } = await replay(store, statisticsProjection({ keys }));
    for (const granularity of ['month', 'quarter', 'year'] as const) {
      const report = createStatisticsReport(state, { from: '2025-01', to: '2025-12', granularity });
      if (E.isLeft(report)) throw new Error(JSON.stringify(report.left));
      const { document, interventions, excluded } = report.right;
      expect(interventions).toHaveLength(16);
      expect(excluded.map((entry) => entry.interventionId).sort()).toEqual([
        'faltare-uppsokande',
        'trygghetslarm',
      ]);
      const cells = document.tables.flatMap((table) => table.cells.flat());
      const suppressed = cells.filter((cell) => cell.suppressed);
      if (granularity === 'month') expect(suppressed.length).toBeGreaterThan(50);
      for (const cell of cells) if (!cell.suppressed) expect(cell.value === 0 || cell.value >= 5).toBe(true);
      expect(attackReport(document.tables as never).recovered).toEqual([]);
    }
  });

  it('filters interventions and units, and refuses options it cannot use', async () => {
    const { store, keys } = await recordedYear(82, 0.1);
    const { state } = await replay(store, statisticsProjection({ keys }));
    const one = createStatisticsReport(state, {
      from: '2025-03',
      to: '2025-08',
      granularity: 'quarter',
      interventions: ['rad-och-stod'],
      units: ['motesplats'],
    });
    expect(E.isRight(one) && one.right.interventions.map((entry) => entry.interventionId)).toEqual([
      'rad-och-stod',
    ]);
    expect(E.isRight(one) && one.right.document.tables[0]?.rows.map((row) => row.key)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
    ]);
    const wrong = createStatisticsReport(state, { from: '2025-12', to: '2025-01' });
    expect(E.isLeft(wrong) && wrong.left.code).toBe('INVALID_REPORT_OPTIONS');
    const unknown = createStatisticsReport(state, {
      from: '2025-01',
      to: '2025-12',
      interventions: ['no-such'],
    });
    expect(E.isLeft(unknown) && unknown.left.issues[0]?.path).toBe('/interventions');
  });

  it('renders as CSV and Markdown with the legend in both languages', async () => {
    const { store, keys } = await recordedYear(83, 0.05);
    const { state } = await replay(store, statisticsProjection({ keys }));
    const report = createStatisticsReport(state, { from: '2025-01', to: '2025-12', granularity: 'quarter' });
    if (E.isLeft(report)) throw new Error('refused');
    expect(toMarkdown(report.right.document, { lang: 'sv' })).toContain('undertryck');
    expect(toCsv(report.right.document, { lang: 'en' }).split('\n').length).toBeGreaterThan(100);
  });
});
