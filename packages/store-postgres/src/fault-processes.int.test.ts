import { collect } from '@pinnstatistik/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { installSlowCommits } from '../test/slow-commit.js';
import { spawnChild } from '../test/spawn-child.js';
import { createPostgresEventStore } from './postgres-event-store.js';

// Faults a process does not survive by catching an exception: a connection killed under it
// (pg_terminate_backend), and the process itself killed mid-write (SIGKILL). Each child is a
// real node process; a crash shows as its exit code.

let database: FreshDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await freshDatabase();
  pool = new pg.Pool({ connectionString: database.url });
  const store = await createPostgresEventStore({ connection: pool, listen: false });
  await store.close();
  await installSlowCommits(pool, 'pinnstatistik');
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Terminates every backend of an application name in the test database; how many. */
async function terminate(applicationName: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and application_name = $1`,
    [applicationName],
  );
  return rows[0]?.n ?? 0;
}

async function waitForBackends(applicationName: string, atLeast: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = $1`,
      [applicationName],
    );
    if ((rows[0]?.n ?? 0) >= atLeast) return;
    if (Date.now() > deadline) throw new Error(`no backend of ${applicationName}`);
    await wait(20);
  }
}

describe('a connection killed under a process', () => {
  it('crashes a process holding a client without an error listener (the weak version), and not one using the store', async () => {
    const weak = spawnChild('weak-client', `${database.url}?application_name=weak_child`);
    const strong = spawnChild('store-client', `${database.url}?application_name=store_child`);
    await Promise.all([weak.message('ready'), strong.message('ready')]);
    await Promise.all([waitForBackends('weak_child', 1), waitForBackends('store_child', 1)]);
    await wait(200); // the store's append is now held open inside its transaction
    expect(await terminate('weak_child')).toBe(1);
    expect(await terminate('store_child')).toBe(1);
    const [weakEnd, strongEnd] = await Promise.all([weak.exited, strong.exited]);
    expect(weakEnd.code).not.toBe(0);
    expect(weakEnd.stderr).toMatch(/terminat/i);
    expect(strongEnd).toMatchObject({ code: 0 });
    expect(await strong.message('outcome')).toEqual({
      outcome: { thrown: true, code: 'STORE_UNAVAILABLE', outcome: 'unknown' },
    });
    expect(strong.messages).toContainEqual({ survived: true });
  }, 60_000);

  it('kills 50 times during appends, a subscription, checkpoint saves and an idle pool: no crash, nothing lost, duplicated or out of order', async () => {
    const child = spawnChild('workload', `${database.url}?application_name=chaos_child`);
    await child.message('ready');
    let kills = 0;
    let terminated = 0;
    while (kills < 50) {
      await wait(40 + Math.floor(Math.random() * 60));
      terminated += await terminate('chaos_child');
      kills += 1;
    }
    child.send('stop');
    const { result } = (await child.message('result', 45_000)) as { result: Record<string, unknown> };
    const end = await child.exited;
    expect(end.code, end.stderr.slice(-2_000)).toBe(0);
    expect(result).toMatchObject({
      logMatches: true,
      subscriptionMatches: true,
      subscriptionErrors: [],
      checkpointMatches: true,
      keyMatches: true,
    });
    expect(result.written).toBeGreaterThan(0);
    expect(terminated).toBeGreaterThanOrEqual(50); // every kill found connections to kill
    expect(result.retried).toBeGreaterThan(0); // and the child met them as StoreUnavailable
  }, 90_000);
});

describe('a process killed mid-write (SIGKILL)', () => {
  it('leaves every atomic batch whole or absent, and a run again completes it without duplicates', async () => {
    const streams = ['kill-a', 'kill-b', 'tally-2025-01-kill'];
    const events = async () => {
      const { rows } = await pool.query<{ event_id: string }>(
        `select e.event_id from (
           select stream_id, event_id from pinnstatistik.events
           union all select stream_id, event_id from pinnstatistik.detail_events) e
         join pinnstatistik.streams s using (stream_id) where s.name = any($1)`,
        [streams],
      );
      return rows.map((row) => row.event_id);
    };
    /** Checks every batch is whole (12 events), none twice, and the batches form a prefix; how many. */
    const wholePrefix = async (): Promise<number> => {
      const ids = await events();
      expect(new Set(ids).size).toBe(ids.length);
      const perBatch = new Map<number, number>();
      for (const id of ids) {
        const batch = Number((id.split('-')[0] as string).slice(1));
        perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
      }
      for (const [batch, count] of perBatch) expect(count, `batch ${batch}`).toBe(12);
      expect([...perBatch.keys()].sort((a, b) => a - b)).toEqual(
        [...perBatch.keys()].map((_, index) => index),
      );
      return perBatch.size;
    };
    let complete = 0;
    for (let kill = 0; kill < 3; kill += 1) {
      // Far more batches than it can write before the kill; it starts from the first each time
      // (the batches it wrote before are retries and write nothing).
      const child = spawnChild('batches', database.url, '1000000');
      await child.message('ready');
      await wait(150 + Math.floor(Math.random() * 400));
      child.process.kill('SIGKILL');
      const end = await child.exited;
      expect(end.signal).toBe('SIGKILL');
      await wait(100); // the server ends the dead client's session and rolls back its transaction
      const now = await wholePrefix();
      expect(now).toBeGreaterThanOrEqual(complete); // nothing that was committed is lost
      complete = now;
    }
    const batches = complete + 5;
    const last = spawnChild('batches', database.url, String(batches));
    await last.message('done', 60_000);
    expect((await last.exited).code).toBe(0);
    expect(await wholePrefix()).toBe(batches);
    const store = await createPostgresEventStore({ connection: pool, listen: false });
    try {
      for (const stream of streams) {
        const read = await collect(store.readStream(stream));
        expect(read.map((event) => event.revision)).toEqual(read.map((_, index) => index));
        expect(read.map((event) => event.id)).toEqual(
          Array.from({ length: batches }, (_, batch) =>
            Array.from({ length: 4 }, (_, k) => `b${batch}-${stream}-${k}`),
          ).flat(),
        );
      }
    } finally {
      await store.close();
    }
  }, 90_000);
});
