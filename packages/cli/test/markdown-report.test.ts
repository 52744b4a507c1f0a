import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vaggerydCatalogue } from '@pinnstatistik/core';
import { headlineOf, type ReportDocument } from '@pinnstatistik/projections';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from './run-bin.js';
import { yearLog } from './year-log.js';

// The Markdown report carries what the HTML report does, in the same order. Read here without
// the key store: December (open) cannot be read, so its quarter is incomplete and says why.
let dir: string;
const output: Record<string, string> = {};
let document: ReportDocument;

const report = (format: string, lang: string, out: string) =>
  runBin(
    [
      'report',
      'log.jsonl',
      '--from',
      '2025-01',
      '--to',
      '2025-12',
      '--granularity',
      'quarter',
      '--method',
      'suppression',
      '--by-unit',
      '--compare-previous',
      '--format',
      format,
      '--lang',
      lang,
      '--today',
      '2026-01-15',
      '--out',
      out,
    ],
    { cwd: dir },
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-cli-md-'));
  await yearLog(dir);
  const runs = await Promise.all([
    report('md', 'sv', 'report.sv.md'),
    report('md', 'en', 'report.en.md'),
    report('json', 'sv', 'report.json'),
  ]);
  for (const run of runs) if (run.code !== 0) throw new Error(`report failed: ${run.stderr}`);
  output.sv = readFileSync(join(dir, 'report.sv.md'), 'utf8');
  output.en = readFileSync(join(dir, 'report.en.md'), 'utf8');
  document = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ReportDocument;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The cells of a Markdown table line (no pipes are escaped in these). */
const cells = (line: string): string[] =>
  line
    .slice(2, -2)
    .split(' | ')
    .map((cell) => cell.trim());

/** The lines of the table after a heading. */
function tableAfter(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`no heading ${heading}`);
  const first = lines.findIndex((line, index) => index > start && line.startsWith('| '));
  const end = lines.findIndex((line, index) => index > first && !line.startsWith('| '));
  return lines.slice(first, end);
}

describe('the Markdown report', () => {
  it('explains the figures and the incomplete quarter before the first table', () => {
    const text = output.sv ?? '';
    const lines = text.split('\n');
    const guide = lines.indexOf('## Så läser du rapporten');
    const firstTable = lines.findIndex((line) => line.startsWith('| '));
    expect(guide).toBeGreaterThan(0);
    expect(guide).toBeLessThan(firstTable);
    expect(lines.slice(guide, firstTable).join('\n')).toContain(
      'Två punkter (..) betyder att siffran inte visas',
    );
    expect(lines.slice(guide, firstTable)).toContain(
      '- 2025 kv. 4: december 2025 är inte förseglad och kunde inte läsas (nyckeln saknas): den saknas i siffrorna.',
    );
  });

  it('opens with the overview of every intervention, numbered as the catalogue, with the figures the document publishes', () => {
    const table = tableAfter(output.sv ?? '', '## Översikt: alla insatser per period');
    expect(cells(table[0] ?? '')).toEqual([
      'Insats',
      'Räknas',
      '2025 kv. 1',
      '2025 kv. 2',
      '2025 kv. 3',
      '2025 kv. 4\\*',
      'Totalt',
    ]);
    const all = table.slice(2).map(cells);
    // The per-unit rows (↳) follow row 11.
    expect(all.filter((row) => row[0]?.startsWith('↳')).map((row) => row[0])).toEqual([
      '↳ Familj- och ungdomsteamet',
      '↳ Mötesplats',
      '↳ Mottaget MY',
    ]);
    expect(all[11]?.[0]).toBe('↳ Familj- och ungdomsteamet');
    const rows = all.filter((row) => !row[0]?.startsWith('↳'));
    expect(rows.map((row) => Number(row[0]?.split('.')[0]))).toEqual(
      Array.from({ length: 18 }, (_, index) => index + 1),
    );
    expect(rows[7]?.[0]).toBe('8. Enskilda samtal kuratorer – Ungdomsmottagningen');
    const figures = new Map<string, string>();
    for (const t of document.tables)
      for (const cell of [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total])
        figures.set(cell.key, cell.suppressed ? '..' : String(cell.value));
    // Each row's figures are the published figures of its intervention's headline count.
    const catalogue = vaggerydCatalogue();
    let compared = 0;
    for (const row of rows) {
      const policy = catalogue.interventions.find(
        (entry) => entry.sourceRow === Number(row[0]?.split('.')[0]),
      );
      const headline = policy === undefined ? undefined : headlineOf(policy);
      if (row[1]?.startsWith('Ingår inte') === true) continue;
      if (headline === undefined) throw new Error(`row ${row[0]} has figures but no headline`);
      const expected = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'].map((period) =>
        figures.get(`${headline.prefix}|${period}`),
      );
      expect(row.slice(2, 6), row[0]).toEqual(expected);
      expect(row[6], row[0]).toBe(`**${figures.get(`${headline.prefix}|*`)}**`);
      compared += 1;
    }
    expect(compared).toBe(16);
  });

  it('has the comparison, computed from the published figures, hidden where one is hidden', () => {
    const table = tableAfter(output.sv ?? '', '## Jämförelse med föregående period');
    expect(cells(table[0] ?? '').slice(2)).toEqual([
      '2025 kv. 3',
      '2025 kv. 4\\*',
      'Förändring',
      'Förändring, %',
    ]);
    const rows = table.slice(2).map(cells);
    expect(rows).toHaveLength(16);
    for (const [label, , before, now, difference] of rows) {
      if (before === '..' || now === '..') expect(difference, label).toBe('..');
      else
        expect(difference?.replace('\u2212', '-').replace(/^\+/, ''), label).toBe(
          String(Number(now) - Number(before)),
        );
    }
  });

  it('gives each intervention a section named as in the overview, its period rows marked where incomplete, and the per-unit breakdown', () => {
    const text = output.sv ?? '';
    const overview = tableAfter(text, '## Översikt: alla insatser per period')
      .slice(2)
      .map(cells)
      .filter((row) => !row[1]?.startsWith('Ingår inte') && !row[0]?.startsWith('↳'));
    for (const row of overview) expect(text, row[0]).toContain(`\n## ${row[0]}\n`);
    const contacts = tableAfter(text, '### Enskilda samtal kuratorer: antal samtal');
    expect(contacts.slice(2).map((line) => cells(line)[0])).toEqual([
      '2025 kv. 1',
      '2025 kv. 2',
      '2025 kv. 3',
      '2025 kv. 4\\*',
      '**Totalt**',
    ]);
    const byUnit = tableAfter(text, '### Råd och stöd: antal samtal per enhet');
    expect(cells(byUnit[0] ?? '')).toEqual([
      'Period / Enhet',
      'Familj- och ungdomsteamet',
      'Mötesplats',
      'Mottaget MY',
      'Totalt',
    ]);
    expect(text).toContain('## Insatser som inte ingår');
    expect(text).toContain('- **6. Uppsökande verksamhet – Fältare**:');
  });

  it('says the same in English', () => {
    const text = output.en ?? '';
    const lines = text.split('\n');
    expect(lines.indexOf('## How to read this report')).toBeLessThan(
      lines.findIndex((line) => line.startsWith('| ')),
    );
    expect(text).toContain('Two dots (..) mean the figure is not shown');
    expect(text).toContain(
      '- 2025 Q4: December 2025 is not sealed and could not be read (no key): it is missing from the figures.',
    );
    expect(text).toContain('| 1. Individual sessions with a counsellor – Family centre | sessions |');
    expect(text).toContain('## Comparison with the previous period');
    expect(text).not.toMatch(/Insats|Totalt|Så läser/);
  });
});
