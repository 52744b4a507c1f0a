import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from './fresh-database.js';
import { runBin } from './run-bin.js';
import { englishOrIds } from './swedish-words.js';
import { type YearLog, yearLog } from './year-log.js';

// The operator's commands on a server, in Swedish: what swedish-texts.test.ts cannot run
// without one (checkpoint, seal and series expire succeed only against a store that can be written).
let dir: string;
let log: YearLog;
let database: FreshDatabase;
const run = (...args: string[]) => runBin(args, { cwd: dir });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-svenska-pg-'));
  [log, database] = await Promise.all([yearLog(dir, { volume: 0.1 }), freshDatabase()]);
  const imported = await run('import', log.file, '--into', database.url);
  if (imported.code !== 0) throw new Error(imported.stderr);
}, 120_000);

afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs a command with --lang sv and returns what it printed, checked to have said something. */
async function swedish(expectedCode: number, ...args: string[]): Promise<string> {
  const result = await run(...args, '--lang', 'sv');
  const output = `${result.stdout}\n${result.stderr}`;
  expect(result.code, output).toBe(expectedCode);
  expect(output.trim().length).toBeGreaterThan(0);
  return output;
}

describe('the operator commands in Swedish, on PostgreSQL', () => {
  const store = () => ['--store', database.url, '--keys', log.keys];

  it('import again: every event already there, said in Swedish', async () => {
    const output = await swedish(0, 'import', log.file, '--into', database.url);
    expect(output).toContain('fanns där från en tidigare körning');
    expect(englishOrIds(output)).toEqual([]);
  }, 60_000);

  it('export from the server', async () => {
    const output = await swedish(0, 'export', '--from', database.url, '--out', join(dir, 'again.jsonl'));
    expect(output).toMatch(/^exporterade \d+ händelser/m);
    expect(englishOrIds(output)).toEqual([]);
  }, 60_000);

  it('checkpoint: signed, and refused without keys', async () => {
    const signed = await swedish(0, 'checkpoint', ...store(), '--today', '2026-01-16');
    expect(signed).toMatch(/^signerade en kontrollpunkt över \d+ strömmar/m);
    const refused = await swedish(2, 'checkpoint', '--store', database.url);
    expect(refused).toContain('--keys måste anges');
    expect(refused).not.toContain('postgres@');
    expect(englishOrIds(`${signed}\n${refused}`)).toEqual([]);
  }, 60_000);

  it('seal: refused before the grace period, then sealed, then sealed before', async () => {
    const early = await swedish(2, 'seal', '2025-12', ...store(), '--today', '2026-01-02');
    expect(early).toContain('avvisat: SEAL_TOO_EARLY');
    const sealed = await swedish(0, 'seal', '2025-12', ...store(), '--today', '2026-02-15');
    expect(sealed).toMatch(/^förseglade 2025-12 i PostgreSQL på /m);
    const again = await swedish(0, 'seal', '2025-12', ...store(), '--today', '2026-02-15');
    expect(again).toContain('(förseglad sedan tidigare)');
    expect(englishOrIds(`${early}\n${sealed}\n${again}`)).toEqual([]);
  }, 60_000);

  it('series expire: done, and refused without keys', async () => {
    const expired = await swedish(0, 'series', 'expire', ...store(), '--today', '2026-02-15');
    expect(expired).toMatch(/avslutades efter sin bevarandetid/);
    const refused = await swedish(2, 'series', 'expire', '--store', database.url);
    expect(refused).toContain('--keys måste anges');
    expect(englishOrIds(`${expired}\n${refused}`)).toEqual([]);
  }, 60_000);
});
