import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandService, fixedClock, periodKeyId, vaggerydCatalogue } from '@pinnstatistik/core';
import { createFileKeyStore } from '@pinnstatistik/store-memory';
import { createPostgresEventStore } from '@pinnstatistik/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from './fresh-database.js';
import { runBin } from './run-bin.js';
import { type YearLog, yearLog } from './year-log.js';

// The postgres:// paths through the built bin: import, export and verify against a server,
// and the operator's jobs (seal, series expire) with keys in a directory or in PostgreSQL.
let dir: string;
let log: YearLog;
let restored: FreshDatabase;
let operated: FreshDatabase;
const run = (...args: string[]) => runBin(args, { cwd: dir });
const records = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => ({ ...JSON.parse(line), position: undefined }));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-cli-pg-'));
  [log, restored, operated] = await Promise.all([
    yearLog(dir, { volume: 0.3 }),
    freshDatabase(),
    freshDatabase(),
  ]);
  // A small live log for the operator's jobs: March tallies and a series, keys on disk.
  const store = await createPostgresEventStore({ connection: operated.url });
  const service = createCommandService({
    store,
    keys: createFileKeyStore(join(dir, 'operator-keys')),
    catalogueId: 'vaggeryd',
    clock: fixedClock('2025-03-31T12:00:00Z'),
  });
  await service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: '0a0b0c0d-0000-4000-8000-000000000001',
    catalogue: vaggerydCatalogue(),
  });
  for (let n = 1; n <= 6; n += 1) {
    const tallied = await service.tally({
      type: 'TallyContact',
      commandId: `7a11e000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2025-03-12',
      marks: { gender: n % 2 === 0 ? 'female' : 'male' },
    });
    if (tallied._tag === 'Left') throw new Error(tallied.left.message.en);
  }
  const opened = await service.openSeries({ interventionId: 'rad-och-stod', unitId: 'mottaget-my' });
  if (opened._tag === 'Left') throw new Error(opened.left.message.en);
  const session = await service.recordSession({
    token: opened.right.token,
    commandId: '5e55e000-0000-4000-8000-000000000001',
    date: '2025-03-20',
    marks: {
      gender: 'female',
      childAge: 11,
      numberOfChildren: 2,
      problemArea: 'family-conflict',
      routeIn: 'school',
      furtherAction: 'continued-support',
    },
  });
  if (session._tag === 'Left') throw new Error(session.left.message.en);
  await store.close();
}, 60_000);

afterAll(async () => {
  await Promise.all([restored?.drop(), operated?.drop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('import, export and verify on PostgreSQL', () => {
  it('imports an export into an empty database, and exports the same events back', async () => {
    const imported = await run('import', 'log.jsonl', '--into', restored.url);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported ${log.events} events`);
    expect(imported.stdout).not.toContain('postgres@');
    const exported = await run('export', '--from', restored.url, '--out', 'from-pg.jsonl');
    expect(exported.code).toBe(0);
    expect(records(join(dir, 'from-pg.jsonl'))).toEqual(records(log.file));
  });

  it('refuses to import into a database that already holds events, writing nothing', async () => {
    const again = await run('import', 'log.jsonl', '--into', restored.url);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(
      /already holds events; import only into an empty store \(nothing was written\)\n$/,
    );
    const exported = await run('export', '--from', restored.url);
    expect(exported.stdout.trim().split('\n')).toHaveLength(log.events + 1);
  });

  it('verifies the database: clean, the open month unreadable (an import brings no keys)', async () => {
    const result = await run('verify', restored.url, '--today', '2026-01-15');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Verdict: CLEAN');
    expect(result.stdout).toMatch(/open periods whose detail cannot be read .*2025-12/);
  });

  it('says plainly when a database holds no log, or does not exist', async () => {
    const empty = await freshDatabase();
    try {
      const result = await run('verify', empty.url);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain('no pinnstatistik log in this database');
    } finally {
      await empty.drop();
    }
    const missing = await run('verify', restored.url.replace(/pinn_cli_\w+$/, 'pinn_cli_nowhere'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('pinnstatistik: database "pinn_cli_nowhere" does not exist\n');
  });
});

describe('seal and series expire', () => {
  it('refuses an unknown period and a month still in its grace, writing nothing', async () => {
    const unknown = await run('seal', '2025-13', '--store', operated.url, '--keys', 'operator-keys');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'pinnstatistik: <period>: 2025-13 is not a period (a month as YYYY-MM, e.g. 2025-03)\n',
    );
    const early = await run(
      'seal',
      '2025-03',
      '--store',
      operated.url,
      '--keys',
      'operator-keys',
      '--today',
      '2025-04-02',
    );
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/^pinnstatistik: refused: SEAL_TOO_EARLY: .+\n$/);
    expect(existsSync(join(dir, 'operator-keys', `${periodKeyId('2025-03')}.key`))).toBe(true);
  });

  it('refuses an export file as the store', async () => {
    const result = await run('seal', '2025-03', '--store', 'log.jsonl', '--keys', 'keys');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--store must be esdb://…, kurrentdb://… or postgres://…');
  });

  it('seals a month: its tables written, its key destroyed; a second run changes nothing', async () => {
    const args = [
      'seal',
      '2025-03',
      '--store',
      operated.url,
      '--keys',
      'operator-keys',
      '--today',
      '2025-04-20',
    ];
    const first = await run(...args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^sealed 2025-03 in PostgreSQL at [^ ]+: 2 sheets \(2 now\); key period-2025-03 destroyed\n$/,
    );
    expect(existsSync(join(dir, 'operator-keys', `${periodKeyId('2025-03')}.key`))).toBe(false);
    const second = await run(...args);
    expect(second.stdout).toContain('2 sheets (0 now)');
    const audit = await run('verify', operated.url, '--keys', 'operator-keys', '--today', '2025-04-20');
    expect(audit.code).toBe(0);
  });

  it('expires idle series: keys and notes destroyed', async () => {
    const early = await run(
      'series',
      'expire',
      '--store',
      operated.url,
      '--keys',
      'operator-keys',
      '--today',
      '2025-04-01',
    );
    expect(early.code).toBe(0);
    expect(early.stdout).toContain('0 series expired');
    expect(early.stdout).toContain('1 still open');
    const late = await run(
      'series',
      'expire',
      '--store',
      operated.url,
      '--keys',
      'operator-keys',
      '--today',
      '2025-09-01',
    );
    expect(late.code).toBe(0);
    expect(late.stdout).toMatch(
      /^1 series expired in PostgreSQL at .+ \(keys and working notes destroyed\); 0 still open\n$/,
    );
  });

  it('takes its keys from PostgreSQL by default', async () => {
    const result = await run('series', 'expire', '--store', restored.url, '--today', '2026-01-15');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('series expired');
  });
});
