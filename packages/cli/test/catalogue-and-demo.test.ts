import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vaggerydCatalogueInput } from '@pinnstatistik/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from './run-bin.js';

let dir: string;
const run = (...args: string[]) => runBin(args, { cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-cli-catalogue-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('catalogue', () => {
  it('validates a good catalogue file', async () => {
    writeFileSync(join(dir, 'good.json'), JSON.stringify(vaggerydCatalogueInput));
    const result = await run('catalogue', 'validate', 'good.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'good.json: a valid catalogue — "vaggeryd" version 1.1, 18 interventions, in force from 2025-01-01',
    );
  });

  it('reports every problem of an invalid catalogue at its JSON Pointer, exit 1', async () => {
    const input = JSON.parse(JSON.stringify(vaggerydCatalogueInput)) as {
      interventions: { documentation: { kind: string } }[];
      effectiveFrom?: string;
    };
    (input.interventions[3] as { documentation: { kind: string } }).documentation.kind = 'sometimes';
    input.effectiveFrom = undefined;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(input));
    const result = await run('catalogue', 'validate', 'bad.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('  /interventions/3/documentation/kind: ');
    expect(result.stderr).toContain('  /effectiveFrom: ');
    expect(result.stderr).toMatch(/pinnstatistik: bad.json: not a valid catalogue \(\d+ problems\)\n$/);
    expect(result.stdout).toBe('');
  });

  it('reports JSON that does not parse, and a missing file', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"id": ');
    const broken = await run('catalogue', 'validate', 'broken.json');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('(root): not valid JSON');
    const missing = await run('catalogue', 'validate', 'missing.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('pinnstatistik: missing.json: no such file\n');
  });

  it('shows the interventions as a table, in Swedish and English', async () => {
    const sv = await run('catalogue', 'show', '--lang', 'sv');
    expect(sv.code).toBe(0);
    expect(sv.stdout).toMatch(/^rad +id +insats +dokumentation/m);
    expect(sv.stdout).toMatch(
      /^18 +trygghetslarm +Trygghetslarm ordinärt boende +Dokumentation krävs i verksamhetssystem/m,
    );
    expect(sv.stdout).toMatch(
      /^11 +rad-och-stod +Råd och stöd +Arbetsanteckningar \+ aggregerad data +kontakter \(Kön, Ålder barn, Antal barn/m,
    );
    expect(sv.stdout).not.toMatch(/aggregate|routeIn|problemArea/);
    expect(sv.stdout).toContain('version 1.1');
    const en = await run('catalogue', 'show', '--version', '1.0');
    expect(en.stdout).toMatch(/^row +id +intervention +documentation/m);
    expect(en.stdout).toContain('version 1.0');
    const unknown = await run('catalogue', 'show', '--version', '9.9');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('pinnstatistik: no catalogue version 9.9; there are: 1.0, 1.1\n');
  });

  it('prints the JSON Schema', async () => {
    const result = await run('catalogue', 'schema');
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toContain('2020-12');
    expect(schema.properties).toHaveProperty('interventions');
  });
});

describe('demo', () => {
  it('shows what pnpm demo shows', async () => {
    const result = await run('demo');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1. Catalogue adopted: Vaggeryds kommun');
    expect(result.stdout).toContain('DOCUMENTATION_EXEMPT');
    expect(result.stdout).toContain('Verdict: clean');
  });

  it('--export writes its log as an export an auditor can verify and report on, no server needed', async () => {
    const result = await run('demo', '--export', 'year.jsonl');
    expect(result.code).toBe(0);
    const summary =
      /Wrote year\.jsonl: (\d+) events in (\d+) streams, as an auditor receives them \(no keys\)/.exec(
        result.stdout,
      );
    expect(summary).not.toBeNull();
    const [header, ...rest] = readFileSync(join(dir, 'year.jsonl'), 'utf8').trim().split('\n');
    // The last line is the trailer: the log's root and its signed checkpoint, not an event.
    const events = rest.slice(0, -1);
    expect(JSON.parse(rest[rest.length - 1] as string)).toMatchObject({ events: Number(summary?.[1]) });
    expect(JSON.parse(header as string)).toMatchObject({
      format: 'pinnstatistik/log-export',
      source: "pinnstatistik demo: Vaggeryds kommun's seeded year 2025 (seed 42)",
    });
    expect(events).toHaveLength(Number(summary?.[1]));
    // A year's log: the catalogue, eleven sealed months, December still open, series.
    const types = new Set(events.map((line) => (JSON.parse(line) as { type: string }).type));
    expect(types).toContain('CatalogueAdopted');
    expect(types).toContain('PeriodSealed');

    const verdict = await run('verify', 'year.jsonl', '--today', '2026-01-15');
    expect(verdict.code).toBe(0);
    expect(verdict.stdout).toContain(`${summary?.[1]} events in ${summary?.[2]} streams`);
    expect(verdict.stdout).toContain('Verdict: CLEAN');
    expect(verdict.stdout).toMatch(/open periods whose detail cannot be read .*2025-12/);

    const report = await run(
      'report',
      'year.jsonl',
      '--from',
      '2025-01',
      '--to',
      '2025-12',
      '--granularity',
      'quarter',
      '--today',
      '2026-01-15',
      '--format',
      'json',
      // An export carries no keys, so not the statistics key the cell-key method needs.
      '--method',
      'suppression',
    );
    expect(report.code).toBe(0);
    const document = JSON.parse(report.stdout) as {
      tables: { rows: { key: string }[]; total: { value?: number } }[];
    };
    expect(document.tables.length).toBeGreaterThan(10);
    expect(document.tables[0]?.rows.map((row) => row.key)).toEqual([
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
    ]);
    // Counted from the sealed tables: real numbers, not an empty year.
    expect(document.tables.filter((table) => (table.total.value ?? 0) > 0).length).toBeGreaterThan(10);
  }, 120_000);

  it('--export to a missing directory fails at once, before the demo runs, and writes nothing', async () => {
    const result = await run('demo', '--export', 'nowhere/year.jsonl');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('pinnstatistik: nowhere: no such directory\n');
    expect(result.stdout).toBe('');
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});
