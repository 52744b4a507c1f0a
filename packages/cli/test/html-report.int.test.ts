import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from './run-bin.js';
import { yearLog } from './year-log.js';

// The HTML report in a real headless browser (Debian's chromium; .ci/run installs it).
const CHROMIUM = '/usr/bin/chromium';
const reports = fileURLToPath(new URL('../../../reports/', import.meta.url));
let dir: string;
let browser: Browser;
let html: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
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

  it('loads with no console errors and no requests, its charts drawn, and prints on A4', async () => {
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
    expect(await page.locator('.notes').count()).toBe(0);

    const figures = await page.$$eval('figure.report-table', (elements) =>
      elements.map((figure) => {
        const svg = figure.querySelector('svg.chart');
        const box = svg?.getBoundingClientRect();
        return {
          id: figure.getAttribute('data-table-id'),
          rows: figure.querySelectorAll('tbody tr').length,
          bars: svg?.querySelectorAll('rect.bar').length ?? 0,
          declared: Number(svg?.getAttribute('data-bars')),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          suppressedCells: figure.querySelectorAll('td.suppressed').length,
          suppressedBars: svg?.querySelectorAll('rect.bar.suppressed').length ?? 0,
          suppressedTotals: [...figure.querySelectorAll('tbody tr td:last-child')].filter((cell) =>
            cell.classList.contains('suppressed'),
          ).length,
        };
      }),
    );
    expect(figures.length).toBeGreaterThan(50);
    for (const figure of figures) {
      expect(figure.rows, figure.id ?? '').toBeGreaterThan(0);
      expect(figure.bars, figure.id ?? '').toBe(figure.rows);
      expect(figure.declared).toBe(figure.rows);
      expect(figure.width).toBeGreaterThan(100);
      expect(figure.height).toBeGreaterThan(30);
      expect(figure.suppressedBars).toBe(figure.suppressedTotals);
    }
    // Tables over the chosen periods have one bar per quarter.
    expect(figures.find((figure) => figure.id === 'rad-och-stod/contacts')?.bars).toBe(4);
    expect(figures.reduce((total, figure) => total + figure.suppressedCells, 0)).toBeGreaterThan(0);
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
