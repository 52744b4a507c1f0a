import { describe, expect, it } from 'vitest';
import { barChartSvg, chartPalette, groupedBarChartSvg, SUPPRESSED_BAR_HEIGHT } from './bar-chart-svg.js';

const options = {
  title: 'Counts <per> quarter',
  suppressedText: 'suppressed',
  suppressedKey: 'suppressed value',
};

const bars = (svg: string) =>
  [...svg.matchAll(/<rect class="bar( suppressed)?(?: incomplete)?"([^>]*)>/g)].map((match) => {
    const attributes = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    return { suppressed: match[1] !== undefined, ...attributes } as Record<string, string> & {
      suppressed: boolean;
    };
  });

describe('the inline SVG bar chart', () => {
  it('draws one bar per period, heights in proportion, the largest at full height', () => {
    const svg = barChartSvg(
      [
        { label: 'Q1', value: 10 },
        { label: 'Q2', value: 20 },
      ],
      options,
    );
    expect(bars(svg)).toHaveLength(2);
    expect(svg).toContain('data-bars="2"');
    const heights = bars(svg).map((bar) => Number(bar.height));
    expect(heights[1]).toBeCloseTo((heights[0] ?? 0) * 2, 1);
    expect(svg).toContain('aria-label="Q2: 20"');
    expect(svg).not.toContain('class="swatch"');
  });

  it('marks a suppressed count without a height that says anything about it', () => {
    const svg = barChartSvg(
      [
        { label: 'Q1', value: undefined },
        { label: 'Q2', value: 7 },
      ],
      options,
    );
    const [suppressed] = bars(svg);
    expect(suppressed?.suppressed).toBe(true);
    expect(suppressed?.height).toBe(String(SUPPRESSED_BAR_HEIGHT));
    expect(suppressed?.['data-value']).toBeUndefined();
    expect(suppressed?.['aria-label']).toBe('Q1: suppressed (..)');
    expect(svg).toContain('>..</text>');
    expect(svg).toContain('.. suppressed value');
    expect(svg).not.toContain('undefined');
  });

  it('escapes labels and the title', () => {
    const svg = barChartSvg([{ label: '<b>&', value: 1 }], options);
    expect(svg).toContain('aria-label="Counts &lt;per&gt; quarter"');
    expect(svg).toContain('<title>Counts &lt;per&gt; quarter</title>');
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
  });
});

describe('the grouped bar chart', () => {
  const groups = [
    { label: '2025 Q1', values: [41, 14, 0] },
    { label: '2025 Q2', values: [36, undefined, 2] },
  ];
  const series = ['Women', 'Men', 'Other'];

  it('draws a bar per group and series, coloured by series, with a colour key of the series', () => {
    const svg = groupedBarChartSvg(groups, { ...options, series });
    const drawn = bars(svg);
    expect(drawn).toHaveLength(6);
    expect(svg).toContain('data-bars="6"');
    expect(drawn.map((bar) => `${bar['data-group']}/${bar['data-series']}`)).toEqual([
      '0/0',
      '0/1',
      '0/2',
      '1/0',
      '1/1',
      '1/2',
    ]);
    for (const bar of drawn.filter((bar) => !bar.suppressed)) {
      expect(bar.fill).toBe(chartPalette[Number(bar['data-series'])]);
    }
    for (const name of series) expect(svg).toMatch(new RegExp(`class="key"[^>]*>${name}<`));
    expect(drawn[0]?.['aria-label']).toBe('2025 Q1 – Women: 41');
    expect(drawn[4]?.['aria-label']).toBe('2025 Q2 – Men: suppressed (..)');
    // Groups sit side by side, bars within a group in series order.
    const xs = drawn.map((bar) => Number(bar.x));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('scales by the published counts alone and draws every suppressed count alike', () => {
    const svg = groupedBarChartSvg(
      [
        { label: 'A', values: [undefined, 20] },
        { label: 'B', values: [10, undefined] },
      ],
      { ...options, series: ['x', 'y'] },
    );
    const drawn = bars(svg);
    const suppressed = drawn.filter((bar) => bar.suppressed);
    expect(suppressed).toHaveLength(2);
    expect(new Set(suppressed.map((bar) => `${bar.y}/${bar.height}`)).size).toBe(1);
    expect(suppressed.every((bar) => bar.fill === 'none' && bar['stroke-dasharray'] !== undefined)).toBe(
      true,
    );
    const published = drawn.filter((bar) => !bar.suppressed);
    expect(Number(published[0]?.height)).toBe(150);
    expect(Number(published[1]?.height)).toBe(75);
  });

  it('says in its key what a dashed outline is, only when there is one', () => {
    const withSuppressed = groupedBarChartSvg(groups, { ...options, series });
    const without = groupedBarChartSvg([{ label: 'A', values: [1, 2, 3] }], { ...options, series });
    expect(withSuppressed).toContain('class="swatch suppressed"');
    expect(without).not.toContain('class="swatch suppressed"');
    expect(without).not.toContain('..');
  });

  it('names a single series in the key when asked, with its own key label', () => {
    const svg = groupedBarChartSvg([{ label: 'A', values: [3] }], {
      ...options,
      series: ['Total'],
      keyLabels: ['Total per period (all columns)'],
      key: true,
      layout: 'totals',
    });
    expect(svg).toContain('data-layout="totals"');
    expect(svg).toContain('>Total per period (all columns)<');
    expect(svg).toContain('aria-label="A – Total: 3"');
  });

  it('draws an incomplete period’s bars lighter, marks its axis label with * and says so in the key', () => {
    const svg = groupedBarChartSvg(groups, {
      ...options,
      series,
      incompleteGroups: [1],
      incompleteKey: 'incomplete period (lighter bar)',
    });
    const drawn = bars(svg);
    for (const bar of drawn) expect(bar['data-incomplete'] === 'true').toBe(bar['data-group'] === '1');
    const lighter = drawn.filter((bar) => bar['data-group'] === '1' && !bar.suppressed);
    expect(lighter.every((bar) => Number(bar['fill-opacity']) < 1)).toBe(true);
    expect(svg).toContain('>2025 Q2*</text>');
    expect(svg).not.toContain('>2025 Q1*</text>');
    expect(svg).toContain('>* incomplete period (lighter bar)<');
    const complete = groupedBarChartSvg(groups, { ...options, series, incompleteKey: 'incomplete' });
    expect(complete).not.toContain('incomplete');
  });
});
