import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandService, fixedClock, periodKeyId, vaggerydCatalogue } from '@pinnstatistik/core';
import { releaseOrigin } from '@pinnstatistik/projections';
import { createFileKeyStore } from '@pinnstatistik/store-memory';
import { createPostgresEventStore } from '@pinnstatistik/store-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonLinesEventStore } from '../src/jsonl/json-lines-event-store.js';
import { type FreshDatabase, freshDatabase } from './fresh-database.js';
import { bin, runBin } from './run-bin.js';
import { type YearLog, yearLog } from './year-log.js';

// The postgres:// paths through the built bin: import, export and verify against a server,
// and the operator's jobs (seal, series expire) with keys in a directory or in PostgreSQL.
let dir: string;
let log: YearLog;
let restored: FreshDatabase;
let operated: FreshDatabase;
const run = (...args: string[]) => runBin(args, { cwd: dir });
/** An export's events, without their store positions, in stream and revision order (an import batches by stream). */
const records = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1, -1)
    .map((line) => ({ ...JSON.parse(line), position: undefined }))
    .sort((a, b) => (a.stream === b.stream ? a.revision - b.revision : a.stream < b.stream ? -1 : 1));
const trailerOf = (file: string) =>
  JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) as string);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pinnstatistik-cli-pg-'));
  [log, restored, operated] = await Promise.all([
    yearLog(dir, { volume: 0.3 }),
    freshDatabase(),
    freshDatabase(),
  ]);
  const otherDir = join(dir, 'other');
  mkdirSync(otherDir);
  copyFileSync((await yearLog(otherDir, { volume: 0.05, seed: 7 })).file, join(dir, 'other.jsonl'));
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
  const opened = await service.openSeries({
    type: 'OpenSeries',
    commandId: '5e55e000-0000-4000-8000-000000000000',
    interventionId: 'rad-och-stod',
    unitId: 'mottaget-my',
  });
  if (opened._tag === 'Left') throw new Error(opened.left.message.en);
  const session = await service.recordSession({
    type: 'RecordSession',
    token: opened.right.token,
    commandId: '5e55e000-0000-4000-8000-000000000001',
    date: '2025-03-20',
    marks: {
      gender: 'female',
      childAges: [11, 8],
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
  it('imports an export into an empty database, and exports the same events and checkpoint back', async () => {
    const imported = await run('import', 'log.jsonl', '--into', restored.url, '--public-key', 'operator.pem');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`imported ${log.events} events`);
    expect(imported.stdout).not.toContain('postgres@');
    const exported = await run('export', '--from', restored.url, '--out', 'from-pg.jsonl');
    expect(exported.code).toBe(0);
    expect(records(join(dir, 'from-pg.jsonl'))).toEqual(records(log.file));
    expect(trailerOf(join(dir, 'from-pg.jsonl'))).toEqual(trailerOf(log.file));
    // A year of events written and read back through two processes: on shared CPUs, well past 30 s.
  }, 180_000);

  it('running the same import again changes nothing; another export is refused, writing nothing', async () => {
    const again = await run('import', 'log.jsonl', '--into', restored.url);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`(${log.events} were there from an earlier run)`);
    const other = await run('import', 'other.jsonl', '--into', restored.url);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      /the target holds events that are not part of this export.*\(nothing was written\)\n$/,
    );
    const exported = await run('export', '--from', restored.url);
    expect(exported.stdout.trim().split('\n')).toHaveLength(log.events + 2);
  });

  it('an import killed midway is completed by running it again', async () => {
    const target = await freshDatabase();
    try {
      const child = spawn(
        process.execPath,
        [bin, 'import', 'log.jsonl', '--into', target.url, '--batch-bytes', '4096'],
        { cwd: dir, stdio: 'ignore' },
      );
      const exited = new Promise((resolve) => child.on('close', resolve));
      const store = await createPostgresEventStore({ connection: target.url });
      try {
        for (let waited = 0; waited < 30_000; waited += 20) {
          let count = 0;
          for await (const _ of store.readAll({ limit: 1 })) count += 1;
          if (count > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      } finally {
        await store.close();
      }
      child.kill('SIGKILL');
      await exited;
      const resumed = await run('import', 'log.jsonl', '--into', target.url, '--batch-bytes', '4096');
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toMatch(/were there from an earlier run/);
      await run('export', '--from', target.url, '--out', 'resumed.jsonl');
      expect(records(join(dir, 'resumed.jsonl'))).toEqual(records(log.file));
    } finally {
      await target.drop();
    }
  }, 120_000);

  it('verifies the database against the checkpoint the auditor saved: clean', async () => {
    const saved = await run(
      'verify',
      'log.jsonl',
      '--public-key',
      'operator.pem',
      '--save-checkpoint',
      'trust.json',
      '--today',
      '2026-01-15',
    );
    expect(saved.code).toBe(0);
    const result = await run('verify', restored.url, '--trust', 'trust.json', '--today', '2026-01-15');
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

describe('checkpoint', () => {
  it('signs the live log with a key from the key store and publishes its public key; the export verifies against it', async () => {
    const signed = await run(
      'checkpoint',
      '--store',
      operated.url,
      '--keys',
      'operator-keys',
      '--out',
      'operated-trust.json',
      '--public-key-out',
      'operated.pem',
    );
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(
      /^signed checkpoint of \d+ streams and \d+ events in PostgreSQL at .+: root [0-9a-f]{64}, key [0-9a-f]{16}\n$/,
    );
    expect(existsSync(join(dir, 'operator-keys', 'log-signing-1.key'))).toBe(true);
    await run('export', '--from', operated.url, '--out', 'operated.jsonl');
    const verified = await run(
      'verify',
      'operated.jsonl',
      '--trust',
      'operated-trust.json',
      '--public-key',
      'operated.pem',
      '--today',
      '2025-03-31',
    );
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('0 events after the latest signed checkpoint');
    const live = await run(
      'verify',
      operated.url,
      '--trust',
      'operated-trust.json',
      '--keys',
      'operator-keys',
      '--today',
      '2025-03-31',
    );
    expect(live.code).toBe(0);
  });

  it('rotates the key: the new one is endorsed by the old, which an auditor pinned', async () => {
    const rotated = await run(
      'checkpoint',
      '--store',
      operated.url,
      '--keys',
      'operator-keys',
      '--rotate-key',
    );
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(
      /^rotated the signing key to [0-9a-f]{16} \(endorsed by the previous key, which is destroyed\)\n/,
    );
    expect(existsSync(join(dir, 'operator-keys', 'log-signing-1.key'))).toBe(false);
    await run('export', '--from', operated.url, '--out', 'rotated.jsonl');
    const verified = await run(
      'verify',
      'rotated.jsonl',
      '--public-key',
      'operated.pem',
      '--today',
      '2025-03-31',
    );
    expect(verified.code).toBe(0);
  });
});

describe('seal and series expire', () => {
  it('refuses an unknown period and a month still in its grace, writing nothing', async () => {
    const unknown = await run('seal', '2025-13', '--store', operated.url, '--keys', 'operator-keys');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'pinnstatistik: <period> is not a period (a month as YYYY-MM, e.g. 2025-03)\n',
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
      /^sealed 2025-03 in PostgreSQL at [^ ]+: 2 sheets; \d+ detail streams? deleted; key period-2025-03 destroyed\n$/,
    );
    expect(existsSync(join(dir, 'operator-keys', `${periodKeyId('2025-03')}.key`))).toBe(false);
    const second = await run(...args);
    expect(second.stdout).toContain('2 sheets (sealed before)');
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

  it('never takes its keys from the events’ database unless told to, and says how', async () => {
    const implied = await run('series', 'expire', '--store', restored.url, '--today', '2026-01-15');
    expect(implied.code).toBe(2);
    expect(implied.stderr).toMatch(/--keys is required/);
    const shared = await run(
      'series',
      'expire',
      '--store',
      restored.url,
      '--keys',
      restored.url,
      '--today',
      '2026-01-15',
    );
    expect(shared.code).toBe(0);
    expect(shared.stdout).toContain('series expired');
  });
});

describe('a report pinned to its store’s origin (attack 44)', () => {
  const report = (source: string, origin: string) =>
    run(
      'report',
      source,
      '--keys',
      source === operated.url ? 'operator-keys' : 'keys',
      '--from',
      '2025-03',
      '--to',
      '2025-03',
      '--method',
      'suppression',
      '--format',
      'csv',
      '--today',
      '2025-04-20',
      '--origin',
      origin,
    );

  it('publishes from the store whose origin is pinned; another origin, a malformed one or another store’s export is refused, the value never repeated', async () => {
    const store = await createPostgresEventStore({ connection: operated.url });
    const origin = await releaseOrigin(store, 'vaggeryd');
    await store.close();
    if (origin === null) throw new Error('the live store has no catalogue stream');
    const other = 'ab'.repeat(32);
    const refused = await report(operated.url, other);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('STORE_ORIGIN_NOT_EXPECTED');
    expect(refused.stderr).not.toContain(other);
    const published = await report(operated.url, origin.toUpperCase());
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toContain('2025-03');
    const malformed = await report(operated.url, 'zz-not-an-origin');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/--origin must be 64 hexadecimal characters/);
    expect(malformed.stderr).not.toContain('zz-not-an-origin');
    // An export is pinned too: this export is another store's (its own origin), and is refused
    // under the live store's pin, in the same words, the pin not repeated.
    const fromExport = await report('log.jsonl', origin);
    expect(fromExport.code).toBe(2);
    expect(fromExport.stderr).toContain('STORE_ORIGIN_NOT_EXPECTED');
    expect(fromExport.stderr).not.toContain(origin);
    const exportOrigin = await releaseOrigin(createJsonLinesEventStore(join(dir, 'log.jsonl')), 'vaggeryd');
    if (exportOrigin === null) throw new Error('the export has no catalogue stream');
    expect(exportOrigin).not.toBe(origin);
    // Its own origin pinned, the export's report is made (and, from an export, said not to be recorded).
    const ownExport = await report('log.jsonl', exportOrigin);
    expect(ownExport.code).toBe(0);
    expect(ownExport.stderr).toMatch(/not recorded/);
    expect(ownExport.stderr).not.toContain('STORE_ORIGIN_NOT_EXPECTED');
    expect(ownExport.stdout).toContain('2025-03');
  });
});
