import { describe, expect, it } from 'vitest';
import { barChartSvg } from './bar-chart-svg.js';

const options = { title: 'Counts <per> quarter', suppressedText: 'suppressed' };

describe('the inline SVG bar chart', () => {
  it('draws one bar per period, heights in proportion, the largest at full height', () => {
    const svg = barChartSvg(
      [
        { label: 'Q1', value: 10 },
        { label: 'Q2', value: 20 },
      ],
      options,
    );
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(2);
    expect(svg).toContain('data-bars="2"');
    const heights = [...svg.matchAll(/height="([\d.]+)" data-value/g)].map((match) => Number(match[1]));
    expect(heights[1]).toBeCloseTo((heights[0] ?? 0) * 2, 1);
  });

  it('marks a suppressed count without a height that says anything about it', () => {
    const svg = barChartSvg(
      [
        { label: 'Q1', value: undefined },
        { label: 'Q2', value: 7 },
      ],
      options,
    );
    expect(svg).toContain('<rect class="bar suppressed"');
    expect(svg).toContain('>..</text>');
    expect(svg).not.toContain('data-value="undefined"');
  });

  it('escapes labels and the title', () => {
    const svg = barChartSvg([{ label: '<b>&', value: 1 }], options);
    expect(svg).toContain('aria-label="Counts &lt;per&gt; quarter"');
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('<b>');
  });
});
