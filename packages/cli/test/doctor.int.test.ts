import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createPostgresKeyStore } from '@pinnstatistik/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run-cli.js';
import { type FreshDatabase, freshDatabase } from './fresh-database.js';
import { englishOrIds } from './swedish-words.js';

// `pinnstatistik doctor` against the test server, run in-process as the bin runs it.
let events: FreshDatabase;
let dir: string;
beforeAll(async () => {
  events = await freshDatabase();
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-doctor-'));
  const keys = await createPostgresKeyStore({ connection: events.url });
  await keys.create('period-2025-01'); // a key kept beside the events
  await keys.close();
});
afterAll(async () => {
  await events?.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function doctor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString('utf8')));
  const code = await runCli(['doctor', ...args], { stdout, stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('pinnstatistik doctor', () => {
  it("speaks Swedish with --lang sv: no English beside PostgreSQL's own setting names and values", async () => {
    const result = await doctor('--store', events.url, '--lang', 'sv');
    // The settings table quotes the server (archive_mode off, log_statement none): machine-facing.
    const prose = result.stdout.replace(/^ {2}[a-z_]+ {2,}.*$/gm, '');
    expect(prose).toContain('PostgreSQL på ');
    expect(englishOrIds(`${prose}\n${result.stderr}`).join('\n')).toBe('');
  });

  it('finds live keys kept beside the events, says so in Swedish, exit 1', async () => {
    const result = await doctor('--store', events.url, '--lang', 'sv');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Hur länge raderade rader och förstörda nycklar finns kvar');
    expect(result.stdout).toMatch(/^ {2}archive_mode +off$/m);
    expect(result.stdout).toContain('! Nycklarna finns i samma databas som händelserna (1 levande nyckel)');
    expect(result.stdout).toMatch(
      /^Slutsats: 1 sak förlänger tiden som raderade rader och förstörda nycklar finns kvar/m,
    );
    expect(result.stderr).toBe('');
  });

  it('with keys in a directory on a quiet server: nothing keeps them longer, exit 0, in English', async () => {
    const result = await doctor('--store', events.url, '--keys', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('- Local WAL: pg_wal reuses its files');
    expect(result.stdout).toMatch(/^Verdict: Nothing in the server’s settings keeps/m);
  });

  it('prints the report as JSON, never the archive command itself', async () => {
    const result = await doctor('--store', events.url, '--keys', dir, '--json');
    const report = JSON.parse(result.stdout) as {
      clean: boolean;
      facts: { settings: Record<string, string> };
    };
    expect(report.clean).toBe(true);
    expect(['', '(set)']).toContain(report.facts.settings.archive_command);
  });

  it('cannot run without a PostgreSQL server: one line on stderr, exit 2', async () => {
    const unreachable = await doctor('--store', 'postgres://postgres@127.0.0.1:1/nowhere');
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(
      /^pinnstatistik: could not inspect PostgreSQL at 127\.0\.0\.1:1\/nowhere: .+\n$/,
    );
    const notPostgres = await doctor('--store', 'log.jsonl');
    expect(notPostgres.code).toBe(2);
    expect(notPostgres.stderr).toBe(
      'pinnstatistik: --store must be postgres://… (doctor reads a PostgreSQL server), not log.jsonl\n',
    );
  });
});
