import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  buildReportTables,
  type RawTable,
  ReportOptionsSchema,
  replay,
  statisticsProjection,
} from '@pinnstatistik/projections';
import { createFileKeyStore } from '@pinnstatistik/store-memory';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLinesEventStore } from '../src/jsonl/json-lines-event-store.js';
import { runBin } from './run-bin.js';
import { yearLog } from './year-log.js';

// The HTML report in a real headless browser: Debian's chromium, which `pnpm test` installs where
// it may; without it vitest.config.ts skips this suite with a line saying so (CI fails instead).
const CHROMIUM = '/usr/bin/chromium';
const reports = fileURLToPath(new URL('../../../reports/', import.meta.url));
let dir: string;
let browser: Browser;
let html: string;
/** The report's tables before disclosure control: the counts behind every suppressed cell. */
let raw: Map<string, RawTable>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (pnpm test does this as root)`);
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-cli-html-'));
  await yearLog(dir);
  const result = await runBin(
    [
      'report',
      'log.jsonl',
      '--keys',
      'keys',
      '--from',
      '2025-01',
      '--to',
      '2025-12',
      '--granularity',
      'quarter',
      '--k',
      '5',
      // The browser checks suppressed cells and bars against the raw counts: suppression, not the default.
      '--method',
      'suppression',
      '--format',
      'html',
      '--lang',
      'sv',
      '--today',
      '2026-01-15',
      '--out',
      'report.html',
    ],
    { cwd: dir },
  );
  if (result.code !== 0) throw new Error(`report failed: ${result.stderr}`);
  html = join(dir, 'report.html');
  const { state: cube } = await replay(
    createJsonLinesEventStore(join(dir, 'log.jsonl')),
    statisticsProjection({ keys: createFileKeyStore(join(dir, 'keys')) }),
  );
  const options = ReportOptionsSchema.parse({
    from: '2025-01',
    to: '2025-12',
    granularity: 'quarter',
    k: 5,
    method: 'suppression',
  });
  raw = new Map(
    buildReportTables(cube.sheets(), cube.catalogues(), options)
      .interventions.flatMap((entry) => entry.tables)
      .map((table) => [table.id, table]),
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the HTML report in a browser', () => {
  it('is one self-contained file: no scripts, no external assets', () => {
    const text = readFileSync(html, 'utf8');
    expect(text).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(text).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it('loads with no console errors and no requests, every chart drawn from its own table, and prints on A4', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 2400 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    const url = pathToFileURL(html).href;
    await page.goto(url, { waitUntil: 'load' });

    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await expect(page.title()).resolves.toContain('Vaggeryds kommun');
    expect(await page.textContent('.catalogue-version')).toBe('1.0');
    expect(await page.textContent('.audit')).toContain('Ren — inga avvikelser');
    // The only note: an export cannot record the report as a release.
    expect(await page.locator('.notes p').count()).toBe(1);
    expect(await page.textContent('.notes')).toContain('Rapporten har inte registrerats som publicerad');

    const figures = await page.$$eval('figure.report-table', (elements) =>
      elements.map((figure) => {
        const svg = figure.querySelector('svg.chart');
        const box = svg?.getBoundingClientRect();
        // Structural types: the root tsconfig has no DOM library.
        type Texted = { readonly textContent: string | null };
        type Classed = Texted & { readonly classList: { contains(name: string): boolean } };
        const text = (element: Texted | null | undefined) => element?.textContent?.trim() ?? '';
        const cellOf = (td: Classed | null) => ({
          text: text(td),
          suppressed: td?.classList.contains('suppressed') ?? false,
        });
        const bodyRows = [...figure.querySelectorAll('tbody tr')];
        const geometry = new Set([
          'x',
          'y',
          'x1',
          'x2',
          'y1',
          'y2',
          'width',
          'height',
          'transform',
          'viewBox',
        ]);
        const drawing = new Set(['fill', 'stroke', 'stroke-dasharray', 'stroke-width', 'xmlns']);
        const indices = new Set(['data-group', 'data-series', 'data-bars']);
        const said: string[] = [];
        for (const element of svg === null || svg === undefined ? [] : [svg, ...svg.querySelectorAll('*')]) {
          for (const attribute of element.attributes) {
            if (!geometry.has(attribute.name) && !drawing.has(attribute.name) && !indices.has(attribute.name))
              said.push(attribute.value);
          }
          for (const node of element.childNodes)
            if (node.nodeType === 3 /* a text node */ && node.textContent !== null)
              said.push(node.textContent);
        }
        return {
          id: figure.getAttribute('data-table-id') ?? '',
          caption: text(figure.querySelector('figcaption')),
          headers: [...figure.querySelectorAll('thead th')].map(text),
          rowLabels: bodyRows.map((row) => text(row.querySelector('th'))),
          cells: bodyRows.map((row) => [...row.querySelectorAll('td')].slice(0, -1).map(cellOf)),
          rowTotals: bodyRows.map((row) => cellOf(row.querySelector('td:last-child'))),
          layout: svg?.getAttribute('data-layout') ?? '',
          declared: Number(svg?.getAttribute('data-bars')),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          bars: [...(svg?.querySelectorAll('rect.bar') ?? [])].map((bar) => ({
            group: Number(bar.getAttribute('data-group')),
            series: Number(bar.getAttribute('data-series')),
            suppressed: bar.classList.contains('suppressed'),
            fill: bar.getAttribute('fill'),
            y: Number(bar.getAttribute('y')),
            height: Number(bar.getAttribute('height')),
            value: bar.getAttribute('data-value'),
            label: bar.getAttribute('aria-label') ?? '',
            title: text(bar.querySelector('title')),
          })),
          said,
        };
      }),
    );
    expect(figures.length).toBe(raw.size);
    const layouts = new Map<string, number>();
    const suppressedHeights = new Set<number>();
    let suppressedBars = 0;
    for (const figure of figures) {
      const table = raw.get(figure.id);
      if (table === undefined) throw new Error(`no raw table ${figure.id}`);
      const rows = table.rows.length;
      const columns = table.columns.length;
      // The rule the charts follow, restated: one column, one bar per row; up to 12 columns (and 96
      // bars), a bar per cell grouped by row; wider tables, one bar per row for its row total.
      const layout = columns <= 1 ? 'single' : columns > 12 || rows * columns > 96 ? 'totals' : 'grouped';
      const expected = layout === 'grouped' ? rows * columns : rows;
      expect(figure.layout, figure.id).toBe(layout);
      expect(figure.rowLabels).toHaveLength(rows);
      expect(figure.bars, figure.id).toHaveLength(expected);
      expect(figure.declared, figure.id).toBe(expected);
      expect(figure.width, figure.id).toBeGreaterThan(100);
      expect(figure.height, figure.id).toBeGreaterThan(30);
      layouts.set(layout, (layouts.get(layout) ?? 0) + 1);

      // Each bar is its cell: published with the table's (and the raw table's) count, or suppressed.
      const columnLabels = table.columns.map((column) => column.label.sv);
      const nameOf = (group: number, series: number) => {
        const row = figure.rowLabels[group] ?? '';
        if (layout === 'grouped') return `${row} – ${columnLabels[series]}`;
        return layout === 'totals' ? `${row} – Totalt` : row;
      };
      const names = new Set(figure.bars.map((bar) => nameOf(bar.group, bar.series)));
      // Texts that are labels and nothing else: axis and key entries (possibly shortened with …).
      const labels = new Set(
        [...figure.rowLabels, ...columnLabels, ...names, '..'].flatMap((label) => [
          label,
          `${label.slice(0, 15)}…`,
          `${label.slice(0, 33)}…`,
        ]),
      );
      // Headings in other texts (the chart's title, the key): removed where they stand alone.
      const headings = [figure.caption, table.rowHeader.sv, table.columnHeader.sv]
        .sort((a, b) => b.length - a.length)
        .map(
          (heading) => new RegExp(`(?<!\\d)${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d)`, 'gi'),
        );
      const saysOf = (said: string): string => {
        const text = said.trim();
        if (labels.has(text)) return '';
        const named = /^(.*): ([^:]*)$/.exec(text);
        if (named !== null && names.has(named[1] ?? '')) return named[2] ?? '';
        return headings.reduce((rest, heading) => rest.replace(heading, ' '), text);
      };
      const drawn = new Set<string>();
      const heights: { value: number; height: number }[] = [];
      for (const bar of figure.bars) {
        const where = `${figure.id} bar ${bar.group}/${bar.series}`;
        const shown =
          layout === 'grouped'
            ? figure.cells[bar.group]?.[bar.series]
            : layout === 'single' && columns === 1
              ? figure.cells[bar.group]?.[0]
              : figure.rowTotals[bar.group];
        const truth =
          layout === 'grouped'
            ? table.cells[bar.group]?.[bar.series]
            : layout === 'single' && columns === 1
              ? table.cells[bar.group]?.[0]
              : table.rowTotals[bar.group];
        if (shown === undefined || truth === undefined) throw new Error(`${where}: no cell`);
        expect(bar.suppressed, where).toBe(shown.suppressed);
        expect(bar.label, where).toBe(bar.title);
        if (bar.suppressed) {
          suppressedBars += 1;
          suppressedHeights.add(bar.height);
          expect(bar.value, where).toBeNull();
          expect(bar.fill, where).toBe('none');
          // Its name is its place and the word, nothing more.
          expect(bar.label, where).toBe(`${nameOf(bar.group, bar.series)}: undertryckt (..)`);
        } else {
          expect(shown.text, where).toBe(String(truth.value));
          expect(bar.value, where).toBe(String(truth.value));
          expect(bar.label, where).toBe(`${nameOf(bar.group, bar.series)}: ${truth.value}`);
          drawn.add(String(truth.value));
          heights.push({ value: truth.value, height: bar.height });
        }
      }
      // Heights are in proportion to the published counts.
      const tallest = heights.reduce((a, b) => (b.value > a.value ? b : a), { value: 0, height: 0 });
      for (const { value, height } of heights) {
        expect(
          Math.abs(height - (value * tallest.height) / Math.max(1, tallest.value)),
          figure.id,
        ).toBeLessThan(0.11);
      }
      // No text or attribute of the chart holds a number that is not a published, drawn count: so
      // no suppressed cell's count (its raw value is known here) appears anywhere in the SVG.
      const numbers = new Set(figure.said.flatMap((said) => saysOf(said).match(/\d+/g) ?? []));
      for (const number of numbers) expect(drawn, `${figure.id} says ${number}`).toContain(number);
    }
    // Every suppressed outline has the same height, whatever it hides.
    expect(suppressedBars).toBeGreaterThan(0);
    expect([...suppressedHeights]).toHaveLength(1);
    expect(layouts.get('single')).toBeGreaterThan(0);
    expect(layouts.get('grouped')).toBeGreaterThan(0);
    expect(layouts.get('totals')).toBeGreaterThan(0);
    const byId = new Map(figures.map((figure) => [figure.id, figure]));
    // Counts over the chosen periods: one bar per quarter; gender by quarter: a bar per quarter and gender.
    expect(byId.get('rad-och-stod/contacts')?.bars).toHaveLength(4);
    expect(byId.get('familjecentral-enskilda-samtal/contacts/gender')?.bars).toHaveLength(16);
    expect(byId.get('rad-och-stod/contacts/childAge')?.layout).toBe('totals');
    // Marginal tables of one intervention no longer draw the same chart (those with too many
    // categories for a bar each — every category is kept — chart the row totals they share).
    const charts = figures
      .filter(
        (figure) => figure.id.startsWith('familjecentral-enskilda-samtal/') && figure.layout !== 'totals',
      )
      .map((figure) => figure.bars.map((bar) => bar.value ?? '..').join(','));
    expect(new Set(charts).size).toBe(charts.length);
    expect(await page.locator('svg.chart .key').count()).toBeGreaterThan(0);
    expect(await page.textContent('p.about')).toContain('Underlag: 11 förseglade och 1 öppen pinnlista.');
    const body = (await page.textContent('body')) ?? '';
    expect(body).not.toMatch(/tallyblad|Röjandeskydd/);
    expect(body).toContain('Röjandekontroll');
    const sections = await page.locator('section.intervention').count();
    expect(await page.locator('section.intervention p.legend').count()).toBe(sections);
    expect(await page.locator('p.legend').first().textContent()).toContain('undertryckts (..)');

    mkdirSync(reports, { recursive: true });
    const screenshot = join(reports, 'cli-html-report.png');
    await page.screenshot({ path: screenshot });
    const pdf = join(reports, 'cli-html-report.pdf');
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    console.log(`HTML report screenshot: ${screenshot}\nprinted on A4: ${pdf}`);
    await page.close();
  });
});
