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
  /** What a suppressed bar says (`suppressed`): its accessible name is `label: suppressed (..)`. */
  readonly suppressedText: string;
  /** The key's entry for the dashed outline, shown when a bar is suppressed (`..` is put before it). */
  readonly suppressedKey?: string;
}

/** One group of bars (a row of a table): its label and one value per series, `undefined` when suppressed. */
export interface BarGroup {
  readonly label: string;
  readonly values: readonly (number | undefined)[];
}

/** How to draw a grouped chart: the series (a table's columns) are coloured and named in a key. */
export interface GroupedBarChartOptions extends BarChartOptions {
  /** The series' names, one per value of every group, in the order of the values. */
  readonly series: readonly string[];
  /** Whether the colour key is drawn (default: when there is more than one series). */
  readonly key?: boolean;
  /** What the key says for each series (default: the series' names). */
  readonly keyLabels?: readonly string[];
  /** Written to the SVG's `data-layout` (how the chart was chosen, for tests and styling). */
  readonly layout?: string;
  /**
   * Groups (by index) that stand for an incomplete period: their bars are drawn lighter, their
   * axis label gets `*`, and the key says what that means (`incompleteKey`).
   */
  readonly incompleteGroups?: readonly number[];
  /** The key's entry for an incomplete period's lighter bars (`*` is put before it). */
  readonly incompleteKey?: string;
}

/** How much of its colour an incomplete period's bar keeps. */
export const INCOMPLETE_OPACITY = 0.4;

/**
 * The fixed palette, one colour per series in order (mostly from Paul Tol's "bright", "muted" and
 * "vibrant" schemes, chosen to stay apart with the common colour-vision deficiencies and in print;
 * none is the suppressed outline's grey dashes on white). A table with more
 * series than colours is charted by its row totals instead.
 */
export const chartPalette: readonly string[] = [
  '#4477AA',
  '#EE6677',
  '#228833',
  '#CCBB44',
  '#66CCEE',
  '#AA3377',
  '#332288',
  '#EE7733',
  '#882255',
  '#44AA99',
  '#8C564B',
  '#6F6F6F',
];

/** The height of every suppressed bar's outline, whatever its count: it says nothing about it. */
export const SUPPRESSED_BAR_HEIGHT = 14;

const WIDTH = 640;
const LEFT = 8;
const RIGHT = 8;
const PLOT_HEIGHT = 150;
const FONT = 10;
/** Roughly how wide a character of the 10px chart font is. */
const CHAR = 5.6;
const SUPPRESSED_STROKE = '#57606a';

const shorten = (label: string, length: number): string =>
  label.length > length ? `${label.slice(0, Math.max(1, length - 1))}…` : label;
const fixed = (value: number): string => value.toFixed(1);

/** A bar as drawn: where it is, what it says. */
interface Placed {
  readonly group: number;
  readonly series: number;
  readonly x: number;
  readonly width: number;
  readonly name: string;
  readonly value: number | undefined;
}

function colourKey(
  entries: readonly { readonly label: string; readonly swatch: string; readonly whole?: boolean }[],
  top: number,
): { readonly svg: string; readonly height: number } {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const lines: string[] = [];
  let x = LEFT;
  let y = top;
  for (const entry of entries) {
    const text = entry.whole === true ? entry.label : shorten(entry.label, 34);
    const width = 16 + text.length * (CHAR + 0.5) + 12;
    if (x > LEFT && x + width > LEFT + plotWidth) {
      x = LEFT;
      y += 16;
    }
    const full = text === entry.label ? '' : `<title>${escapeHtml(entry.label)}</title>`;
    lines.push(
      `<g class="key-entry" transform="translate(${fixed(x)} ${y})">${entry.swatch}<text class="key" x="16" y="9">${escapeHtml(text)}${full}</text></g>`,
    );
    x += width;
  }
  return { svg: `<g class="key" aria-hidden="true">${lines.join('')}</g>`, height: y - top + 16 };
}

/**
 * An inline SVG chart of grouped bars: per group (a table's row), one `rect.bar` per series (a
 * table's column), coloured by series from {@link chartPalette} and named in a colour key. Each bar
 * has its count above it (upright when there is room) and an accessible name, `group – series:
 * count`. A suppressed count is drawn as a dashed, unfilled outline of {@link SUPPRESSED_BAR_HEIGHT}
 * marked `..`: its height, position and text say nothing about the count, and the scale is set by
 * the published counts alone. No scripts, fonts or links: it renders the same offline and in print.
 */
export function groupedBarChartSvg(groups: readonly BarGroup[], options: GroupedBarChartOptions): string {
  const series = Math.max(1, options.series.length);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const groupSlot = plotWidth / Math.max(1, groups.length);
  const padding = series === 1 ? groupSlot * 0.3 : Math.max(6, groupSlot * 0.18);
  const barSlot = Math.max(1, groupSlot - padding) / series;
  const barWidth = series === 1 ? Math.max(2, Math.min(56, barSlot)) : Math.max(2, Math.min(40, barSlot - 1));
  const published = groups.flatMap((group) =>
    group.values.filter((value): value is number => value !== undefined),
  );
  const max = Math.max(1, ...published);
  const digits = Math.max(1, ...published.map((value) => String(value).length));
  const upright = barSlot >= digits * CHAR + 2;
  const showValues = upright || barSlot >= FONT - 1;
  const top = upright || !showValues ? 18 : Math.max(18, digits * CHAR + 8);
  const baseline = top + PLOT_HEIGHT;
  const rotateAxis = groups.some((group) => group.label.length * CHAR > groupSlot - 4);
  const axisHeight = rotateAxis ? 62 : 22;

  const withKey = options.key ?? options.series.length > 1;
  const named = options.series.length > 1 || withKey;
  const placed: Placed[] = groups.flatMap((group, g) => {
    const start = LEFT + groupSlot * g + (groupSlot - barSlot * series) / 2;
    return options.series.map((name, s) => ({
      group: g,
      series: s,
      x: start + barSlot * s + (barSlot - barWidth) / 2,
      width: barWidth,
      name: named ? `${group.label} – ${name}` : group.label,
      value: group.values[s],
    }));
  });

  const incomplete = new Set(options.incompleteGroups ?? []);
  const mark = (group: number): string => (incomplete.has(group) ? '*' : '');
  const bars = placed.map((bar) => {
    const centre = bar.x + bar.width / 2;
    const lighter = incomplete.has(bar.group);
    const where = `x="${fixed(bar.x)}" width="${fixed(bar.width)}" data-group="${bar.group}" data-series="${bar.series}"${lighter ? ' data-incomplete="true"' : ''}`;
    if (bar.value === undefined) {
      const y = baseline - SUPPRESSED_BAR_HEIGHT;
      const name = escapeHtml(`${bar.name}: ${options.suppressedText} (..)`);
      return [
        `<rect class="bar suppressed${lighter ? ' incomplete' : ''}" ${where} y="${y}" height="${SUPPRESSED_BAR_HEIGHT}" fill="none" stroke="${SUPPRESSED_STROKE}" stroke-dasharray="3 2" role="img" aria-label="${name}"><title>${name}</title></rect>`,
        `<text class="value suppressed" x="${fixed(centre)}" y="${y - 4}" text-anchor="middle" aria-hidden="true">..</text>`,
      ].join('');
    }
    const height = (bar.value / max) * PLOT_HEIGHT;
    const y = baseline - height;
    const name = escapeHtml(`${bar.name}: ${bar.value}`);
    const colour = chartPalette[bar.series % chartPalette.length];
    const value = !showValues
      ? ''
      : upright
        ? `<text class="value" x="${fixed(centre)}" y="${fixed(y - 4)}" text-anchor="middle" aria-hidden="true">${bar.value}</text>`
        : `<text class="value" x="${fixed(centre + 3.5)}" y="${fixed(y - 3)}" transform="rotate(-90 ${fixed(centre + 3.5)} ${fixed(y - 3)})" aria-hidden="true">${bar.value}</text>`;
    const opacity = lighter
      ? ` fill-opacity="${INCOMPLETE_OPACITY}" stroke="${colour}" stroke-width="1"`
      : '';
    return `<rect class="bar${lighter ? ' incomplete' : ''}" ${where} y="${fixed(y)}" height="${fixed(height)}" fill="${colour}"${opacity} data-value="${bar.value}" role="img" aria-label="${name}"><title>${name}</title></rect>${value}`;
  });

  const axis = groups.map((group, g) => {
    const centre = fixed(LEFT + groupSlot * (g + 0.5));
    return rotateAxis
      ? `<text class="axis" x="${centre}" y="${baseline + 12}" transform="rotate(35 ${centre} ${baseline + 12})">${escapeHtml(shorten(group.label, 16) + mark(g))}</text>`
      : `<text class="axis" x="${centre}" y="${baseline + 14}" text-anchor="middle">${escapeHtml(group.label + mark(g))}</text>`;
  });

  const keyEntries: { label: string; swatch: string; whole?: boolean }[] = [];
  if (withKey) {
    options.series.forEach((name, s) => {
      keyEntries.push({
        label: options.keyLabels?.[s] ?? name,
        swatch: `<rect class="swatch" width="12" height="10" fill="${chartPalette[s % chartPalette.length]}"/>`,
      });
    });
  }
  if (placed.some((bar) => bar.value === undefined) && options.suppressedKey !== undefined) {
    keyEntries.push({
      label: `.. ${options.suppressedKey}`,
      whole: true,
      swatch: `<rect class="swatch suppressed" x="0.5" y="0.5" width="11" height="9" fill="none" stroke="${SUPPRESSED_STROKE}" stroke-dasharray="3 2"/>`,
    });
  }
  if (incomplete.size > 0 && options.incompleteKey !== undefined) {
    keyEntries.push({
      label: `* ${options.incompleteKey}`,
      whole: true,
      swatch: `<rect class="swatch incomplete" x="0.5" y="0.5" width="11" height="9" fill="${chartPalette[0]}" fill-opacity="${INCOMPLETE_OPACITY}" stroke="${chartPalette[0]}"/>`,
    });
  }
  const key = keyEntries.length === 0 ? undefined : colourKey(keyEntries, baseline + axisHeight);
  const height = baseline + axisHeight + (key === undefined ? 0 : key.height + 4);
  const title = escapeHtml(options.title);
  return [
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${fixed(height)}" role="group" aria-label="${title}"${options.layout === undefined ? '' : ` data-layout="${escapeHtml(options.layout)}"`} data-bars="${placed.length}" data-series="${series}">`,
    `<title>${title}</title>`,
    `<line class="baseline" x1="${LEFT}" y1="${baseline}" x2="${WIDTH - RIGHT}" y2="${baseline}" stroke="${SUPPRESSED_STROKE}"/>`,
    ...bars,
    `<g class="axis" aria-hidden="true">${axis.join('')}</g>`,
    key?.svg ?? '',
    '</svg>',
  ].join('');
}

/**
 * An inline SVG bar chart with one bar per label ({@link groupedBarChartSvg} with a single series
 * and no colour key); a suppressed count is a dashed outline marked `..`.
 */
export function barChartSvg(bars: readonly Bar[], options: BarChartOptions): string {
  return groupedBarChartSvg(
    bars.map((bar) => ({ label: bar.label, values: [bar.value] })),
    { ...options, series: [''], key: false },
  );
}
