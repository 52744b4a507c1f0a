import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { vaggerydCatalogue } from '@pinnstatistik/core';
import {
  buildReportTables,
  type RawTable,
  type ReportDocument,
  ReportOptionsSchema,
  replay,
  type StatisticsCube,
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
/** The same report by the cell-key method, as HTML and as the JSON document. */
let cellKeyHtml: string;
let cellKeyDocument: ReportDocument;

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
      '--by-unit',
      '--compare-previous',
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
  const cellKey = (format: string, out: string) =>
    runBin(
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
        '--by-unit',
        '--compare-previous',
        // Made from an export for checking: it cannot be recorded as a release.
        '--unrecorded',
        '--format',
        format,
        '--lang',
        'sv',
        '--today',
        '2026-01-15',
        '--out',
        out,
      ],
      { cwd: dir },
    );
  const [cellKeyRun, jsonRun] = await Promise.all([
    cellKey('html', 'cell-key.html'),
    cellKey('json', 'cell-key.json'),
  ]);
  if (cellKeyRun.code !== 0 || jsonRun.code !== 0)
    throw new Error(`cell-key report failed: ${cellKeyRun.stderr}${jsonRun.stderr}`);
  cellKeyHtml = join(dir, 'cell-key.html');
  cellKeyDocument = JSON.parse(readFileSync(join(dir, 'cell-key.json'), 'utf8')) as ReportDocument;
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
    byUnit: true,
    comparePrevious: true,
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
    expect(await page.textContent('.catalogue-version')).toBe(vaggerydCatalogue().version);
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
        const drawing = new Set([
          'fill',
          'fill-opacity',
          'stroke',
          'stroke-dasharray',
          'stroke-width',
          'xmlns',
        ]);
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
          // An incomplete period's row label ends with its mark, *.
          rowLabels: bodyRows.map((row) => text(row.querySelector('th')).replace(/\*$/, '')),
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
    // Every table but the previous period's counts, which only feed the comparison.
    expect(figures.length).toBe([...raw.keys()].filter((id) => !id.endsWith('/previous-period')).length);
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
          `${label}*`,
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
    expect(byId.get('familjecentral-enskilda-samtal/contacts/adultAge')?.layout).toBe('totals');
    // Marginal tables of one intervention no longer draw the same chart (those with too many
    // categories for a bar each — every category is kept — chart the row totals they share).
    const charts = figures
      .filter(
        (figure) => figure.id.startsWith('familjecentral-enskilda-samtal/') && figure.layout !== 'totals',
      )
      .map((figure) => figure.bars.map((bar) => bar.value ?? '..').join(','));
    expect(new Set(charts).size).toBe(charts.length);
    expect(await page.locator('svg.chart .key').count()).toBeGreaterThan(0);
    const body = (await page.textContent('body')) ?? '';
    // Sheet and correction counts are not protected figures: not printed (attack 43).
    expect(body).not.toMatch(/Underlag:|Rättelser:/);
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
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    expect(statSync(screenshot).size).toBeGreaterThan(10_000);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    console.log(`HTML report screenshot: ${screenshot}\nprinted on A4: ${pdf}`);
    await page.close();
  });
});

// Structural stand-ins for the browser's globals inside page.evaluate (the root tsconfig has no DOM library).
declare function getComputedStyle(element: unknown): {
  readonly overflowX: string;
  readonly breakBefore: string;
};
declare const document: {
  readonly documentElement: { readonly scrollWidth: number };
  readonly body: { readonly clientWidth: number };
};

/** Opens a report in a fresh page at a viewport. */
async function open(file: string, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return page;
}

describe('the report a manager reads', () => {
  it('explains .. before the first table, then gives the overview of every intervention by period, numbered as in the catalogue and named with its units', async () => {
    const page = await open(html);
    // Document order: the explanation, then the overview, then the first intervention's table.
    const order = await page.$$eval('section.how-to-read, table', (elements) =>
      elements.map((element) =>
        element.tagName === 'SECTION' ? 'how-to-read' : element.className || 'table',
      ),
    );
    expect(order.slice(0, 3)).toEqual(['how-to-read', 'overview', 'comparison']);
    const guide = (await page.textContent('section.how-to-read')) ?? '';
    expect(guide).toContain('Två punkter (..) betyder att siffran inte visas');
    expect(guide).toContain('(1–4)');

    const overview = await page.$$eval('table.overview tbody tr[data-intervention]', (rows) =>
      rows.map((row) => ({
        label: row.querySelector('th')?.textContent?.trim() ?? '',
        link: row.querySelector('th a')?.getAttribute('href') ?? null,
        cells: [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? ''),
      })),
    );
    // Every intervention of the catalogue (17 with figures, 2 not in the statistics), in catalogue order.
    expect(overview.map((row) => Number(row.label.split('.')[0]))).toEqual(
      Array.from({ length: 18 }, (_, index) => index + 1),
    );
    // Same names, told apart by their units.
    expect(overview[0]?.label).toBe('1. Enskilda samtal kuratorer – Familjecentral');
    expect(overview[7]?.label).toBe('8. Enskilda samtal kuratorer – Ungdomsmottagningen');
    expect(overview[10]?.label).toBe('11. Råd och stöd – Familj- och ungdomsteamet, Mötesplats, Mottaget MY');
    expect(overview[5]?.cells.join(' ')).toContain('Ingår inte i statistiken');
    // The numbering matches the sections': each row links to the section headed with its label.
    const sections = await page.$$eval('section.intervention', (elements) =>
      elements.map((section) => ({
        id: section.id,
        heading: section.querySelector('h2')?.textContent ?? '',
      })),
    );
    for (const row of overview.filter((entry) => entry.link !== null)) {
      const section = sections.find((entry) => `#${entry.id}` === row.link);
      expect(section?.heading, row.label).toBe(row.label);
    }
    expect(sections).toHaveLength(overview.filter((entry) => entry.link !== null).length);
    // The overview's figures are the ones the intervention's own count table shows.
    const contacts = await page.$$eval(
      'figure[data-table-id="familjecentral-enskilda-samtal/contacts"] tbody td:first-of-type',
      (cells) => cells.map((cell) => cell.textContent?.trim() ?? ''),
    );
    expect(overview[0]?.cells.slice(1, 5)).toEqual(contacts);
    // With --by-unit, each unit of row 11 follows it, with the figures of its per-unit table.
    const unitRows = await page.$$eval('table.overview tbody tr', (rows) =>
      rows
        .map((row, index) => ({
          index,
          unit: row.getAttribute('data-unit'),
          label: row.querySelector('th')?.textContent?.trim() ?? '',
          cells: [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? ''),
        }))
        .filter((row) => row.unit !== null),
    );
    expect(unitRows.map((row) => row.label)).toEqual([
      'Familj- och ungdomsteamet',
      'Mötesplats',
      'Mottaget MY',
    ]);
    expect(unitRows.map((row) => row.index)).toEqual([11, 12, 13]);
    const byUnitColumns = await page.$$eval(
      'figure[data-table-id="rad-och-stod/by-unit"] tbody tr, figure[data-table-id="rad-och-stod/by-unit"] tfoot tr',
      (rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
    unitRows.forEach((row, u) => {
      expect(row.cells.slice(1), row.label).toEqual(byUnitColumns.map((cells) => cells[u]));
    });
    await page.close();
  });

  it('marks the incomplete quarter (December not sealed) on its rows, in the charts and in their keys, and says why', async () => {
    const page = await open(html);
    expect(await page.textContent('ul.incomplete-periods')).toBe(
      '2025 kv. 4: december 2025 är inte förseglad än: siffrorna kan ändras.',
    );
    expect(
      await page.$$eval('table.overview th.incomplete', (cells) => cells.map((cell) => cell.textContent)),
    ).toEqual(['2025 kv. 4*']);
    const figures = await page.$$eval('figure.report-table', (elements) =>
      elements.map((figure) => ({
        id: figure.getAttribute('data-table-id') ?? '',
        rows: [...figure.querySelectorAll('tbody tr')].map((row) => ({
          label: row.querySelector('th')?.textContent ?? '',
          incomplete: row.classList.contains('incomplete'),
        })),
        bars: [...figure.querySelectorAll('rect.bar')].map((bar) => ({
          group: Number(bar.getAttribute('data-group')),
          incomplete: bar.getAttribute('data-incomplete') === 'true',
        })),
        key: figure.querySelector('svg .key')?.textContent ?? '',
        note: figure.querySelector('p.incomplete-note')?.textContent ?? '',
      })),
    );
    let periodTables = 0;
    for (const figure of figures) {
      const periods = figure.rows[0]?.label.startsWith('2025 kv.') === true;
      if (!periods) {
        // A cross-tabulation sums every period: it says it includes the incomplete one.
        expect(figure.note, figure.id).toContain('ofullständiga perioderna (*)');
        continue;
      }
      periodTables += 1;
      expect(
        figure.rows.map((row) => row.incomplete),
        figure.id,
      ).toEqual([false, false, false, true]);
      expect(figure.rows[3]?.label, figure.id).toBe('2025 kv. 4*');
      for (const bar of figure.bars)
        expect(bar.incomplete, `${figure.id} bar ${bar.group}`).toBe(bar.group === 3);
      expect(figure.key, figure.id).toContain('* ofullständig period (ljusare stapel)');
    }
    expect(periodTables).toBeGreaterThan(50);
    await page.close();
  });

  it('scrolls a wide table inside its box on a desktop and on a phone, never the page', async () => {
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const page = await open(html, viewport);
      const boxes = await page.$$eval('.table-scroll', (elements) =>
        elements.map((box) => ({
          overflow: getComputedStyle(box).overflowX,
          scrolls: box.scrollWidth > box.clientWidth + 1,
          region: box.getAttribute('role') === 'region' && box.getAttribute('tabindex') === '0',
        })),
      );
      // One box per table: the overview, the comparison and every intervention's tables.
      expect(boxes.length).toBe((await page.locator('figure.report-table').count()) + 2);
      expect(boxes.every((box) => box.overflow === 'auto' && box.region)).toBe(true);
      // The problem-area and route-in tables are wider than a desktop page: they scroll in their box.
      expect(boxes.filter((box) => box.scrolls).length, `${viewport.width}px`).toBeGreaterThan(0);
      const wide = page.locator(
        'figure[data-table-id="familjecentral-enskilda-samtal/contacts/problemArea"] .table-scroll',
      );
      expect(await wide.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
      // …and the page itself does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await page.close();
    }
  });

  it('prints on A4 landscape: every table within the page, each intervention on a new page', async () => {
    // The printable width of A4 landscape with the report's 10 mm margins: 277 mm ≈ 1047 px.
    const page = await open(html, { width: 1047, height: 711 });
    await page.emulateMedia({ media: 'print' });
    const tables = await page.$$eval('table', (elements) =>
      elements.map((table) => table.getBoundingClientRect().right),
    );
    const width = await page.evaluate(() => document.body.clientWidth);
    expect(width).toBeLessThanOrEqual(1047);
    expect(tables.filter((right) => right > width + 1)).toEqual([]);
    const breaks = await page.$$eval('section.intervention', (elements) =>
      elements.map((section) => getComputedStyle(section).breakBefore),
    );
    expect(new Set(breaks)).toEqual(new Set(['page']));
    mkdirSync(reports, { recursive: true });
    await page.screenshot({ path: join(reports, 'cli-html-report-print.png') });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    // The page size the style sheet asks for: A4 landscape, 842 × 595 points.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    expect(Number(box?.[1])).toBeCloseTo(841.9, 0);
    expect(Number(box?.[2])).toBeCloseTo(595.3, 0);
    await page.close();
  });

  it('shows the per-unit breakdown and the comparison from published figures only', async () => {
    // Suppression: each unit's published count is its true count or ..; the change is .. where either figure is.
    const page = await open(html);
    const byUnit = await page.$$eval('figure[data-table-id="rad-och-stod/by-unit"] tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
    const truth = raw.get('rad-och-stod/by-unit');
    expect(truth?.columns.map((column) => column.label.sv)).toEqual([
      'Familj- och ungdomsteamet',
      'Mötesplats',
      'Mottaget MY',
    ]);
    byUnit.forEach((cells, r) => {
      cells.slice(0, -1).forEach((shown, c) => {
        const value = truth?.cells[r]?.[c]?.value;
        expect(shown === '..' || shown === String(value), `by unit ${r}/${c}`).toBe(true);
      });
    });
    const comparison = await page.$$eval('table.comparison tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
    expect(comparison).toHaveLength(16);
    for (const [, before, now, difference] of comparison) {
      if (before === '..' || now === '..') expect(difference).toBe('..');
      else
        expect(difference?.replace('\u2212', '-').replace(/^\+/, '')).toBe(
          String(Number(now) - Number(before)),
        );
    }
    await page.close();

    // Cell-key: the overview, the breakdown and the comparison show the figures of the published
    // document — perturbed — and never the true counts where those differ.
    const perturbed = await open(cellKeyHtml);
    const figures = new Map<string, number>();
    for (const table of cellKeyDocument.tables)
      for (const cell of [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total])
        if (!cell.suppressed) figures.set(cell.key, cell.value);
    const rows = await perturbed.$$eval('table.overview tbody tr[data-intervention]', (elements) =>
      elements.map((row) => ({
        id: row.getAttribute('data-intervention') ?? '',
        cells: [...row.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? ''),
      })),
    );
    const prefix = (id: string) => [`c|${id}`, `p|${id}`, `v|${id}`].find((key) => figures.has(`${key}|*`));
    const trueTables = buildReportTables(
      (await replayed()).sheets(),
      (await replayed()).catalogues(),
      ReportOptionsSchema.parse({
        from: '2025-01',
        to: '2025-12',
        granularity: 'quarter',
        byUnit: true,
        comparePrevious: true,
      }),
    ).interventions.flatMap((entry) => entry.tables);
    const trueValue = new Map(
      trueTables.flatMap((table) =>
        [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total].map((q) => [
          q.key,
          q.value,
        ]),
      ),
    );
    let differs = 0;
    for (const row of rows) {
      const key = prefix(row.id);
      if (key === undefined) continue;
      ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '*'].forEach((period, p) => {
        const shown = Number(row.cells[p + 1]);
        expect(shown, `${row.id} ${period}`).toBe(figures.get(`${key}|${period}`));
        if (shown !== trueValue.get(`${key}|${period}`)) differs += 1;
      });
    }
    expect(differs).toBeGreaterThan(0);
    const units = await perturbed.$$eval(
      'figure[data-table-id="rad-och-stod/by-unit"] tbody tr',
      (elements) =>
        elements.map((row) => [...row.querySelectorAll('td')].map((cell) => Number(cell.textContent))),
    );
    const unitTable = cellKeyDocument.tables.find((table) => table.id === 'rad-och-stod/by-unit');
    units.forEach((cells, r) => {
      cells.slice(0, -1).forEach((shown, c) => {
        const cell = unitTable?.cells[r]?.[c];
        expect(cell?.suppressed === false && cell.value).toBe(shown);
      });
    });
    await perturbed.close();
  });
});

let cube: StatisticsCube | undefined;
/** The log's cube (replayed once). */
async function replayed() {
  cube ??= (
    await replay<StatisticsCube>(
      createJsonLinesEventStore(join(dir, 'log.jsonl')),
      statisticsProjection({ keys: createFileKeyStore(join(dir, 'keys')) }),
    )
  ).state;
  return cube;
}
