import { escapeHtml } from './html-escape.js';

/** One bar: its label, and its count — or `undefined` when the count is suppressed. */
export interface Bar {
  readonly label: string;
  readonly value: number | undefined;
}

/** How to draw a chart. */
export interface BarChartOptions {
  /** The chart's accessible name. */
  readonly title: string;
  /** What a suppressed bar says when hovered (`suppressed`). */
  readonly suppressedText: string;
}

const WIDTH = 640;
const HEIGHT = 220;
const TOP = 18;
const BOTTOM = 48;
const LEFT = 8;
const RIGHT = 8;
const SUPPRESSED_HEIGHT = 10;

const shorten = (label: string): string => (label.length > 16 ? `${label.slice(0, 15)}…` : label);

/**
 * An inline SVG bar chart: one `rect.bar` per bar, with its count above it; a suppressed count
 * is drawn as a low dashed outline marked `..` (its height says nothing about the count). No
 * scripts, fonts or links: it renders the same offline and in print.
 */
export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const slot = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.max(2, Math.min(56, slot * 0.7));
  const baseline = TOP + plotHeight;
  const rotate = bars.length > 8;
  const parts = bars.map((bar, index) => {
    const x = LEFT + slot * index + (slot - barWidth) / 2;
    const centre = x + barWidth / 2;
    const label = escapeHtml(bar.label);
    const axisLabel = rotate
      ? `<text class="axis" x="${centre.toFixed(1)}" y="${baseline + 12}" transform="rotate(35 ${centre.toFixed(1)} ${baseline + 12})">${escapeHtml(shorten(bar.label))}</text>`
      : `<text class="axis" x="${centre.toFixed(1)}" y="${baseline + 14}" text-anchor="middle">${escapeHtml(shorten(bar.label))}</text>`;
    if (bar.value === undefined) {
      const y = baseline - SUPPRESSED_HEIGHT;
      return [
        `<rect class="bar suppressed" x="${x.toFixed(1)}" y="${y}" width="${barWidth.toFixed(1)}" height="${SUPPRESSED_HEIGHT}"><title>${label}: ${escapeHtml(options.suppressedText)}</title></rect>`,
        `<text class="value" x="${centre.toFixed(1)}" y="${y - 4}" text-anchor="middle">..</text>`,
        axisLabel,
      ].join('');
    }
    const height = (bar.value / max) * plotHeight;
    const y = baseline - height;
    return [
      `<rect class="bar" x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}" data-value="${bar.value}"><title>${label}: ${bar.value}</title></rect>`,
      `<text class="value" x="${centre.toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${bar.value}</text>`,
      axisLabel,
    ].join('');
  });
  return [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(options.title)}" data-bars="${bars.length}">`,
    `<line class="baseline" x1="${LEFT}" y1="${baseline}" x2="${WIDTH - RIGHT}" y2="${baseline}"/>`,
    ...parts,
    '</svg>',
  ].join('');
}
