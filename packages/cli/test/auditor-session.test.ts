import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin } from './run-bin.js';
import { type YearLog, yearLog } from './year-log.js';

// An auditor's session on an export file, through the built bin: export → verify → report,
// and what happens with bad input.
let dir: string;
let log: YearLog;
const run = (...args: string[]) => runBin(args, { cwd: dir });
const lines = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n');

/** A copy of the export with one sealed table's count changed after the fact. */
function tampered(): { file: string; line: number; stream: string } {
  const all = lines(log.file);
  const index = all.findIndex((line) => line.includes('"type":"SheetSealed"'));
  const record = JSON.parse(all[index] as string) as { stream: string; data: { detailEvents: number } };
  record.data.detailEvents += 1;
  all[index] = JSON.stringify(record);
  const file = join(dir, 'tampered.jsonl');
  writeFileSync(file, `${all.join('\n')}\n`);
  return { file, line: index + 1, stream: record.stream };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-cli-'));
  log = await yearLog(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export', () => {
  it('writes the log as JSON Lines: a header, then every event in order with its hash chain', async () => {
    const result = await run('export', '--from', 'log.jsonl', '--out', 'again.jsonl');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`exported ${log.events} events`);
    const [header, ...events] = lines(join(dir, 'again.jsonl'));
    expect(JSON.parse(header as string)).toMatchObject({ format: 'pinnstatistik/log-export', version: 1 });
    expect(events).toHaveLength(log.events);
    const withoutPosition = (line: string) => ({ ...JSON.parse(line), position: undefined });
    expect(events.map(withoutPosition)).toEqual(lines(log.file).slice(1).map(withoutPosition));
    expect(JSON.parse(events[0] as string).metadata).toHaveProperty('hash');
  });

  it('writes to standard output when no --out is given', async () => {
    const result = await run('export', '--from', 'log.jsonl');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(log.events + 1);
  });

  it('refuses a missing file in one line, and writes nothing', async () => {
    const result = await run('export', '--from', 'nowhere.jsonl', '--out', 'out.jsonl');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('pinnstatistik: nowhere.jsonl: no such file\n');
    expect(existsSync(join(dir, 'out.jsonl'))).toBe(false);
  });
});

describe('verify', () => {
  it('gives a clean verdict, exit 0, and says what an export without keys cannot show', async () => {
    const result = await run('verify', 'log.jsonl', '--today', '2026-01-15');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${log.events} events`);
    expect(result.stdout).toContain('Verdict: CLEAN');
    expect(result.stdout).toMatch(/open periods whose detail cannot be read .*2025-12/);
    expect(result.stdout).toContain(
      "whether sealed periods' and closed series' keys were destroyed is not checked",
    );
  });

  it('reads the open month with the keys, and answers in Swedish', async () => {
    const result = await run(
      'verify',
      'log.jsonl',
      '--keys',
      'keys',
      '--today',
      '2026-01-15',
      '--lang',
      'sv',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Utlåtande: REN');
    expect(result.stdout).not.toContain('2025-12');
  });

  it('finds a tampered export: exit 1, the finding under its rule with stream and position', async () => {
    const { line, stream } = tampered();
    const result = await run('verify', 'tampered.jsonl', '--today', '2026-01-15');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Verdict: NOT CLEAN — 1 finding under 1 rule');
    expect(result.stdout).toContain('envelope/hash-chain (1)');
    expect(result.stdout).toContain(`CHAIN_HASH_MISMATCH  ${stream}  position ${line}`);
  });

  it('gives the verdict as JSON for machines', async () => {
    tampered();
    const result = await run('verify', 'tampered.jsonl', '--json', '--today', '2026-01-15');
    expect(result.code).toBe(1);
    const verdict = JSON.parse(result.stdout) as { clean: boolean; findings: { code: string }[] };
    expect(verdict.clean).toBe(false);
    expect(verdict.findings.map((finding) => finding.code)).toEqual(['CHAIN_HASH_MISMATCH']);
  });

  it('finds a month left unsealed past its grace', async () => {
    const result = await run('verify', 'log.jsonl', '--keys', 'keys', '--today', '2026-02-20', '--json');
    expect(result.code).toBe(1);
    const verdict = JSON.parse(result.stdout) as { findings: { code: string; stream: string }[] };
    expect(verdict.findings).toEqual([
      expect.objectContaining({ code: 'PERIOD_UNSEALED_PAST_GRACE', stream: 'period-2025-12' }),
    ]);
  });

  it('refuses a file that is not an export, naming the line', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'hello\n');
    const result = await run('verify', 'notes.txt');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('pinnstatistik: notes.txt, line 1: not valid JSON\n');
  });
});

describe('report', () => {
  const range = ['--from', '2025-01', '--to', '2025-12', '--granularity', 'quarter', '--k', '5'];

  it('writes CSV with the suppression flag, and notes the open month it could not read', async () => {
    const result = await run('report', 'log.jsonl', ...range, '--format', 'csv', '--out', 'report.csv');
    expect(result.code).toBe(0);
    const csv = readFileSync(join(dir, 'report.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'table_id,intervention_id,table,row_dimension,row_key,row,column_dimension,column_key,column,quantity_key,value,flag',
    );
    expect(csv).toContain(',..\r\n');
    expect(result.stderr).toMatch(
      /note: The detail of the open \(unsealed\) period 2025-12 cannot be read without its key/,
    );
  });

  it('writes the JSON document and Markdown; with the keys December counts too', async () => {
    const without = await run('report', 'log.jsonl', ...range, '--format', 'json');
    const withKeys = await run('report', 'log.jsonl', ...range, '--format', 'json', '--keys', 'keys');
    expect(without.code).toBe(0);
    expect(withKeys.code).toBe(0);
    const total = (text: string): number => {
      const document = JSON.parse(text) as { tables: { id: string; total: { value?: number } }[] };
      return document.tables.find((table) => table.id === 'rad-och-stod/contacts')?.total.value ?? Number.NaN;
    };
    expect(total(withKeys.stdout)).toBeGreaterThan(total(without.stdout));
    expect(withKeys.stderr).toBe('');
    const markdown = await run('report', 'log.jsonl', ...range, '--format', 'md', '--lang', 'sv');
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('- Katalog: vaggeryd 1.0');
    expect(markdown.stdout).toContain('| 2025 kv. 1 |');
  });

  it.each([
    [
      ['--from', '2025-13', '--to', '2025-12'],
      '--from: 2025-13 is not a period (a month as YYYY-MM, e.g. 2025-03)',
    ],
    [['--from', '2025-06', '--to', '2025-02'], '--from 2025-06 is after --to 2025-02'],
    [['--from', '2025-01', '--to', '2099-12'], '--to: 2099-12 is in the future'],
    [['--from', '2024-01', '--to', '2024-06'], '--to: no catalogue version was in force in 2024-06'],
    [
      ['--from', '2025-01', '--to', '2025-12', '--k', 'five'],
      '--k must be a whole number from 1 to 100, not five',
    ],
    [
      ['--from', '2025-01', '--to', '2025-12', '--format', 'pdf'],
      '--format must be one of csv, json, md, html, not pdf',
    ],
  ])('refuses %j with one clear line and writes nothing', async (args, message) => {
    const result = await run('report', 'log.jsonl', ...args, '--out', 'refused.csv');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
    expect(existsSync(join(dir, 'refused.csv'))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('.partial'))).toEqual([]);
  });
});

describe('import', () => {
  it('loads an export whose chains verify (into memory: a dry run)', async () => {
    const result = await run('import', 'log.jsonl', '--into', 'memory');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`imported ${log.events} events`);
  });

  it('refuses a tampered export and writes nothing', async () => {
    const { line, stream } = tampered();
    const result = await run('import', 'tampered.jsonl', '--into', 'memory');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`CHAIN_HASH_MISMATCH  ${stream}`);
    expect(result.stderr).toContain(`line ${line}`);
    expect(result.stderr).toMatch(
      /refused: tampered.jsonl does not verify \(1 broken hash-chain link\); nothing was written\n$/,
    );
    expect(result.stdout).toBe('');
  });

  it('refuses a missing file', async () => {
    const result = await run('import', 'missing.jsonl', '--into', 'memory');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('pinnstatistik: missing.jsonl: no such file\n');
  });
});

describe('errors and help', () => {
  it.each([
    ['export'],
    ['import'],
    ['verify'],
    ['report'],
    ['seal'],
    ['series', 'expire'],
    ['catalogue', 'validate'],
    ['catalogue', 'show'],
    ['catalogue', 'schema'],
    ['demo'],
  ])('%s --help shows usage with an example', async (...command) => {
    const result = await run(...command, '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: pinnstatistik ${command.join(' ')}`);
    expect(result.stdout).toMatch(/Examples?:\n {2}\$ pinnstatistik /);
  });

  it('an unknown command is one line and exit 2', async () => {
    const result = await run('verfy', 'log.jsonl');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error: unknown command 'verfy'");
    expect(result.stderr).toContain('verify');
  });

  it('prints a stack trace only with --debug', async () => {
    const plain = await run('verify', 'notes.txt');
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await run('verify', 'notes.txt', '--debug');
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
