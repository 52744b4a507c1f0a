import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { inspectRetention } from './inspect-retention.js';
import { createPostgresKeyStore } from './postgres-key-store.js';

let events: FreshDatabase;
let keys: FreshDatabase;
beforeAll(async () => {
  [events, keys] = await Promise.all([freshDatabase(), freshDatabase()]);
  const sharedKeys = await createPostgresKeyStore({ connection: events.url });
  await sharedKeys.create('period-2025-01');
  await sharedKeys.close();
});
afterAll(async () => {
  await Promise.all([events?.drop(), keys?.drop()]);
});

const codes = (report: Awaited<ReturnType<typeof inspectRetention>>) =>
  report.findings.filter((finding) => finding.severity !== 'note').map((finding) => finding.code);

describe('inspectRetention', () => {
  it('finds keys kept with the events: in the events database, or in another database of its cluster', async () => {
    const shared = await inspectRetention(events.url);
    expect(codes(shared)).toContain('KEYS_IN_EVENTS_DATABASE');
    expect(
      shared.findings.find((finding) => finding.code === 'KEYS_IN_EVENTS_DATABASE')?.message.en,
    ).toContain('1 live key)');
    expect(shared.clean).toBe(false);
    const sameCluster = await inspectRetention(events.url, { keys: keys.url });
    expect(codes(sameCluster)).toContain('KEYS_IN_EVENTS_CLUSTER');
  });

  it('reads this server as it is: no archiving, and a clean verdict when keys live in a directory', async () => {
    const report = await inspectRetention(events.url, { keys: 'directory' });
    expect(report.facts.settings.archive_mode).toBe('off');
    expect(codes(report)).not.toContain('ARCHIVING');
    expect(report.findings.map((finding) => finding.code)).toContain('LOCAL_WAL');
    expect(report.clean).toBe(true);
    expect(report.verdict.sv).toMatch(/^Inget i serverns inställningar/);
  });

  it('names a transaction left open in the events database, and a replication slot keeping WAL', async () => {
    const open = new pg.Client({ connectionString: events.url, application_name: 'forgotten-report' });
    await open.connect();
    const slot = `pinn_doctor_${process.pid}`;
    const admin = new pg.Client({ connectionString: events.url });
    await admin.connect();
    try {
      await open.query('begin isolation level repeatable read');
      await open.query('select 1');
      await admin.query('select pg_create_physical_replication_slot($1, true)', [slot]);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      const report = await inspectRetention(events.url, { keys: 'directory', longTransactionSeconds: 1 });
      const long = report.findings.find((finding) => finding.code === 'LONG_TRANSACTION');
      expect(long?.message.en).toContain('"forgotten-report"');
      expect(long?.message.sv).toContain('"forgotten-report"');
      const kept = report.findings.find(
        (finding) => finding.code === 'REPLICATION_SLOT' && finding.message.en.includes(slot),
      );
      expect(kept?.severity).toBe('window');
      expect(codes(report)).toContain('SLOT_WAL_UNLIMITED');
      expect(report.clean).toBe(false);
    } finally {
      await admin.query('select pg_drop_replication_slot($1)', [slot]).catch(() => undefined);
      await admin.end();
      await open.query('rollback').catch(() => undefined);
      await open.end();
    }
  });
});
