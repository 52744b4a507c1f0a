import type { DocumentCell, DocumentTable } from '@pinnstatistik/projections';
import { describe, expect, it } from 'vitest';
import { htmlWords } from './html-words.js';
import { chartLayout, MAX_CHART_BARS, MAX_CHART_SERIES, tableChartSvg } from './table-chart.js';

const text = (value: string) => ({ sv: value, en: value });
const cell = (value: number | undefined): DocumentCell =>
  value === undefined ? { key: 'k', suppressed: true, symbol: '..' } : { key: 'k', suppressed: false, value };
const sum = (values: readonly (number | undefined)[]) =>
  values.reduce<number>((total, value) => total + (value ?? 0), 0);

/** A table whose rows are `rows` (labels) and whose cells are `values` (undefined: suppressed). */
function table(
  values: readonly (readonly (number | undefined)[])[],
  options: { rowHeader?: string; columns?: readonly string[]; suppressedTotals?: readonly number[] } = {},
): DocumentTable {
  const columns = options.columns ?? (values[0] ?? []).map((_, c) => `col ${c}`);
  return {
    id: 'iv/contacts/x',
    interventionId: 'iv',
    title: text('Iv: X'),
    rowHeader: text(options.rowHeader ?? 'Period'),
    columnHeader: text('X'),
    rows: values.map((_, r) => ({ key: `r${r}`, label: text(`row ${r}`) })),
    columns: columns.map((label, c) => ({ key: `c${c}`, label: text(label) })),
    cells: values.map((row) => row.map(cell)),
    rowTotals: values.map((row, r) =>
      cell(options.suppressedTotals?.includes(r) ? undefined : sum(row) + 100),
    ),
    columnTotals: columns.map(() => cell(1)),
    total: cell(1),
    cost: {
      figures: 0,
      suppressed: 0,
      suppressedShare: 0,
      perturbedShare: 0,
      meanAbsoluteDeviation: 0,
      basis: 'exact',
    },
  };
}

const svgOf = (t: DocumentTable) => tableChartSvg(t, 'sv', htmlWords.sv);
const bars = (svg: string) => svg.match(/<rect class="bar/g)?.length ?? 0;

describe('chartLayout', () => {
  it('groups up to the palette’s columns and a readable number of bars, else charts row totals', () => {
    expect(chartLayout(4, 1)).toBe('single');
    expect(chartLayout(4, 0)).toBe('single');
    expect(chartLayout(4, 2)).toBe('grouped');
    expect(chartLayout(4, MAX_CHART_SERIES)).toBe('grouped');
    expect(chartLayout(4, MAX_CHART_SERIES + 1)).toBe('totals');
    expect(chartLayout(12, MAX_CHART_BARS / 12)).toBe('grouped');
    expect(chartLayout(12, MAX_CHART_BARS / 12 + 1)).toBe('totals');
  });
});

describe('a table’s chart', () => {
  it('draws a count table (one column) as one bar per period', () => {
    const svg = svgOf(table([[55], [undefined], [36]], { columns: ['Antal'] }));
    expect(svg).toContain('data-layout="single"');
    expect(bars(svg)).toBe(3);
    expect(svg).toContain('aria-label="row 0: 55"');
    expect(svg).toContain('aria-label="row 1: undertryckt (..)"');
    expect(svg).not.toContain('class="swatch"');
    expect(svg).toContain('aria-label="Stapeldiagram: Iv: X, per period"');
  });

  it('draws a period × value table as grouped bars keyed by the column labels', () => {
    const svg = svgOf(
      table(
        [
          [41, 14, 0],
          [36, undefined, undefined],
        ],
        { columns: ['Kvinna/flicka', 'Man/pojke', 'Annan'] },
      ),
    );
    expect(svg).toContain('data-layout="grouped"');
    expect(bars(svg)).toBe(6);
    expect(svg.match(/<rect class="bar suppressed"/g)).toHaveLength(2);
    for (const label of ['Kvinna/flicka', 'Man/pojke', 'Annan']) expect(svg).toContain(`>${label}<`);
    expect(svg).toContain('aria-label="row 1 – Man/pojke: undertryckt (..)"');
    expect(svg).toContain('aria-label="Stapeldiagram: Iv: X, per period och x"');
    // The row totals (≥ 100 here) are not what a grouped chart draws.
    expect(svg).not.toMatch(/data-value="1\d\d"/);
  });

  it('draws a cross-tabulation as grouped bars per row value', () => {
    const svg = svgOf(
      table(
        [
          [5, 6],
          [7, 8],
        ],
        { rowHeader: 'Kön' },
      ),
    );
    expect(bars(svg)).toBe(4);
    expect(svg).toContain('aria-label="Stapeldiagram: Iv: X, per kön och x"');
  });

  it('charts a table with too many columns by its row totals, and says so', () => {
    const wide = Array.from({ length: MAX_CHART_SERIES + 1 }, (_, c) => c);
    const svg = svgOf(table([wide, wide, wide], { suppressedTotals: [1] }));
    expect(svg).toContain('data-layout="totals"');
    expect(bars(svg)).toBe(3);
    expect(svg).toContain('>Totalt per period (alla kolumner)<');
    expect(svg).toContain('radsummor');
    expect(svg).toContain(`data-value="${sum(wide) + 100}"`);
    expect(svg.match(/<rect class="bar suppressed"/g)).toHaveLength(1);
  });
});
