import type { EventToAppend, RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { installSlowCommits, sleepMetadata } from '../test/slow-commit.js';
import { comparePositions } from './position.js';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.js';

let database: FreshDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await freshDatabase();
  pool = new pg.Pool({ connectionString: database.url });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const event = (id: string, sleepMs?: number): EventToAppend => ({
  id,
  type: 'Tallied',
  data: bytes(JSON.stringify({ id })),
  metadata: sleepMs === undefined ? bytes('{}') : sleepMetadata(sleepMs),
});

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(condition: () => boolean, message: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await wait(5);
  }
}

async function withStore<T>(
  schema: string,
  body: (store: PostgresEventStore) => Promise<T>,
  options: { listen?: boolean; pollIntervalMs?: number; settleTimeoutMs?: number } = {},
): Promise<T> {
  const store = await createPostgresEventStore({ connection: pool, schema, ...options });
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

describe('postgres event store: commit order', () => {
  it('never lets an event committed late fall behind one a reader has already seen', async () => {
    await withStore('late', async (store) => {
      await installSlowCommits(pool, '"late"');
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe({}, { onEvent: (recorded) => void seen.push(recorded) });
      await subscription.caughtUp;

      // A takes its sequence number first, then holds its transaction open for 600 ms; B
      // takes a later number and commits at once. A reader ordered by sequence alone would
      // see B, move its checkpoint past A's number, and skip A for ever when A commits.
      const slow = store.append('late-a', [event('a', 600)], { expected: 'no-stream' });
      await wait(100);
      const fast = await store.append('late-b', [event('b')], { expected: 'no-stream' });
      expect(E.isRight(fast)).toBe(true);

      const { rows } = await pool.query<{ event_id: string }>(
        'select event_id from late.events order by position',
      );
      expect(rows.map((row) => row.event_id)).toEqual(['b']); // B is committed, A is not yet

      await withStore(
        'late',
        async (impatient) => expect(await collect(impatient.readAll())).toEqual([]), // a safe prefix, not B alone
        { settleTimeoutMs: 20 },
      );
      const patient = collect(store.readAll()); // waits for A to end, then returns both
      await wait(50);
      expect(seen).toEqual([]); // the subscription does not deliver B ahead of A either

      expect(E.isRight(await slow)).toBe(true);
      expect((await patient).map((recorded) => recorded.id)).toEqual(['a', 'b']);
      await eventually(() => seen.length === 2, 'both delivered');
      expect(seen.map((recorded) => recorded.id)).toEqual(['a', 'b']);
      expect(comparePositions((seen[0] as RecordedEvent).position, (seen[1] as RecordedEvent).position)).toBe(
        -1,
      );
      await subscription.close();
    });
  });
});

describe('postgres event store: subscriptions', () => {
  it('go live by polling alone when LISTEN is off', async () => {
    await withStore(
      'polling',
      async (store) => {
        const seen: string[] = [];
        const subscription = store.subscribe({}, { onEvent: (recorded) => void seen.push(recorded.id) });
        await subscription.caughtUp;
        await store.append('s', [event('p1'), event('p2')], { expected: 'no-stream' });
        await eventually(() => seen.length === 2, 'polled');
        await subscription.close();
        expect(seen).toEqual(['p1', 'p2']);
      },
      { listen: false, pollIntervalMs: 20 },
    );
  });

  it('survive losing the listening connection: polling carries on and LISTEN comes back', async () => {
    await withStore(
      'reconnect',
      async (store) => {
        const seen: string[] = [];
        const subscription = store.subscribe({}, { onEvent: (recorded) => void seen.push(recorded.id) });
        await subscription.caughtUp;
        await store.append('s', [event('before')], { expected: 'no-stream' });
        await eventually(() => seen.length === 1, 'notified');
        const listeners = `from pg_stat_activity
            where datname = current_database() and query ilike 'listen "reconnect_appended"%'`;
        const { rows } = await pool.query<{ n: number }>(
          `select count(pg_terminate_backend(pid))::int as n ${listeners}`,
        );
        expect(rows[0]?.n).toBe(1);
        await store.append('s', [event('after')], { expected: 0 });
        await eventually(() => seen.length === 2, 'delivered after the connection was lost');
        let listening = 0;
        const deadline = Date.now() + 5_000;
        while (listening === 0 && Date.now() < deadline) {
          await wait(50);
          listening =
            (await pool.query<{ n: number }>(`select count(*)::int as n ${listeners}`)).rows[0]?.n ?? 0;
        }
        expect(listening).toBe(1);
        await store.append('s', [event('later')], { expected: 1 });
        await eventually(() => seen.length === 3, 'delivered once listening again');
        await subscription.close();
        expect(seen).toEqual(['before', 'after', 'later']);
      },
      { pollIntervalMs: 200 },
    );
  });

  it('stop when the store closes, and the store refuses new ones', async () => {
    const store = await createPostgresEventStore({ connection: pool, schema: 'closing' });
    const subscription = store.subscribe({}, { onEvent: () => undefined });
    await subscription.caughtUp;
    await store.close();
    await subscription.close();
    expect(() => store.subscribe({}, { onEvent: () => undefined })).toThrow(/closed/);
    expect((await pool.query('select 1 as one')).rows[0]?.one).toBe(1); // the caller's pool stays open
  });
});

describe('postgres event store: the log at rest', () => {
  it('refuses to update, delete or truncate events, even by hand, in both tables', async () => {
    await withStore('frozen', async (store) => {
      await store.append('s', [event('kept')], { expected: 'no-stream' });
      await store.append('tally-2025-03-abc', [event('detail')], { expected: 'no-stream' });
      for (const table of ['frozen.events', 'frozen.detail_events']) {
        await expect(pool.query(`update ${table} set type = 'Changed'`)).rejects.toThrow(/append-only/);
        await expect(pool.query(`delete from ${table}`)).rejects.toThrow(/append-only/);
        await expect(pool.query(`truncate ${table} cascade`)).rejects.toThrow(/append-only/);
        // The shredding switch opens DELETE only, and only where it is set: never UPDATE or TRUNCATE.
        const client = await pool.connect();
        try {
          await client.query('begin');
          await client.query(`set local pinnstatistik.shredding = 'on'`);
          await expect(client.query(`update ${table} set type = 'Changed'`)).rejects.toThrow(/append-only/);
          await client.query('rollback');
          await client.query('begin');
          await client.query(`set local pinnstatistik.shredding = 'on'`);
          await expect(client.query(`truncate ${table} cascade`)).rejects.toThrow(/append-only/);
          await client.query('rollback');
        } finally {
          client.release();
        }
      }
      expect((await collect(store.readStream('s'))).map((recorded) => recorded.id)).toEqual(['kept']);
      expect((await collect(store.readStream('tally-2025-03-abc'))).map((recorded) => recorded.id)).toEqual([
        'detail',
      ]);
    });
  });

  it('keeps private detail in a table of its own, and the rest of the log in the other', async () => {
    await withStore('placed', async (store) => {
      await store.appendBatch([
        { stream: 'period-2025-03', events: [event('public')], expected: 'no-stream' },
        { stream: 'tally-2025-03-k3y', events: [event('sheet')], expected: 'no-stream' },
        { stream: 'series-5e7', events: [event('session')], expected: 'no-stream' },
        { stream: 'series-index', events: [event('index')], expected: 'no-stream' },
      ]);
      const ids = async (table: string) =>
        (
          await pool.query<{ event_id: string }>(`select event_id from placed.${table} order by position`)
        ).rows.map((row) => row.event_id);
      expect(await ids('events')).toEqual(['public', 'index']);
      expect(await ids('detail_events')).toEqual(['sheet', 'session']);
      expect((await collect(store.readAll())).map((recorded) => recorded.id)).toEqual([
        'public',
        'sheet',
        'session',
        'index',
      ]);
    });
  });

  it('keeps data and metadata byte for byte, stores no write time, whatever type parsers the pool has', async () => {
    const parsing = new pg.Pool({
      connectionString: database.url,
      types: { getTypeParser: () => (text: string) => `parsed:${text}` },
    });
    try {
      const store = await createPostgresEventStore({ connection: parsing, schema: 'exact' });
      try {
        const everyByte = Uint8Array.from({ length: 256 }, (_, at) => at);
        const large = Uint8Array.from({ length: 70_000 }, (_, at) => (at * 31 + 7) % 256); // stored out of line
        await store.append(
          's',
          [
            { id: 'x', type: 'Exact', data: everyByte, metadata: everyByte.slice().reverse() },
            { id: 'y', type: 'Exact', data: new Uint8Array(0), metadata: bytes('åäö \u0000 𝄞') },
            { id: 'z', type: 'Exact', data: large, metadata: large.subarray(10, 20) },
          ],
          { expected: 'no-stream' },
        );
        const read = await collect(store.readStream('s'));
        expect(read.map((recorded) => [[...recorded.data], [...recorded.metadata]])).toEqual([
          [[...everyByte], [...everyByte].reverse()],
          [[], [...bytes('åäö \u0000 𝄞')]],
          [[...large], [...large.subarray(10, 20)]],
        ]);
        expect(read.map((recorded) => recorded.revision)).toEqual([0, 1, 2]);
        expect(Object.getPrototypeOf(read[0]?.data)).toBe(Uint8Array.prototype);
      } finally {
        await store.close();
      }
      const { rows } = await pool.query<{ data_type: string }>(
        `select data_type from information_schema.columns where table_schema = 'exact' and table_name in ('events', 'detail_events')`,
      );
      expect(rows.map((row) => row.data_type)).not.toContain('timestamp with time zone');
    } finally {
      await parsing.end();
    }
  });

  it('rejects a position it did not issue as a programmer error', async () => {
    await withStore('positions', async (store) => {
      await expect(collect(store.readAll({ after: '17' }))).rejects.toThrow(TypeError);
    });
  });

  it('reports the position of an append, and an append that writes nothing changes nothing', async () => {
    await withStore('appends', async (store) => {
      const empty = await store.append('s', [], { expected: 'no-stream' });
      expect(empty).toEqual(E.right({ nextRevision: -1, position: '0:0', written: 0 }));
      const first = await store.append('s', [event('1'), event('2'), event('1')], { expected: 'no-stream' });
      if (E.isLeft(first)) throw new Error('append failed');
      expect(first.right.nextRevision).toBe(1);
      expect(first.right.written).toBe(2);
      const all = await collect(store.readAll());
      expect(all.map((recorded) => recorded.id)).toEqual(['1', '2']);
      expect(first.right.position).toBe(all[1]?.position);
      const retried = await store.append('s', [event('1')], { expected: 'no-stream' });
      expect(retried).toEqual(E.right({ nextRevision: 1, position: first.right.position, written: 0 }));
    });
  });

  it('reads long streams and logs page by page', async () => {
    await withStore('paging', async (store) => {
      const batch = Array.from({ length: 1_200 }, (_, index) => event(`e${index}`));
      await store.append('long', batch, { expected: 'no-stream' });
      expect((await collect(store.readStream('long'))).map((recorded) => recorded.revision)).toEqual(
        batch.map((_, index) => index),
      );
      const backwards = await collect(
        store.readStream('long', { direction: 'backwards', fromRevision: 1_100 }),
      );
      expect(backwards).toHaveLength(1_101);
      expect(backwards.at(-1)?.revision).toBe(0);
      expect(await collect(store.readAll({ limit: 700 }))).toHaveLength(700);
      expect((await collect(store.readAll())).map((recorded) => recorded.id)).toEqual(batch.map((e) => e.id));
    });
  });
});
