import { type EventToAppend, isStoreUnavailable, type RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../test/fault-proxy.js';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresCheckpointStore } from './postgres-checkpoint-store.js';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.js';

// The network between the store and the server fails: a proxy drops, resets or stalls every
// connection through it. Nothing may hang, crash, get lost or be written twice.

let database: FreshDatabase;
let proxy: FaultProxy;
beforeAll(async () => {
  database = await freshDatabase();
  proxy = await startFaultProxy();
});
afterEach(() => proxy.resume());
afterAll(async () => {
  await proxy?.close();
  await database?.drop();
});

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const event = (id: string): EventToAppend => ({
  id,
  type: 'T',
  data: new TextEncoder().encode(`data of ${id}`),
  metadata: new TextEncoder().encode(`metadata of ${id}`),
});
const short = { connectTimeoutMs: 1_000, statementTimeoutMs: 800, queryTimeoutMs: 1_200 };

async function through(schema: string, options: object = {}): Promise<PostgresEventStore> {
  return createPostgresEventStore({ connection: proxy.url(database.name), schema, ...short, ...options });
}

/** Retries a call that threw StoreUnavailable, as is, until it succeeds; how many faults it met. */
async function untilDone<T>(call: () => Promise<T>, faults: unknown[]): Promise<T> {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!isStoreUnavailable(error) || faults.length > 5_000) throw error;
      faults.push(error);
      await wait(20 + Math.random() * 30);
    }
  }
}

/** Breaks every connection through the proxy now and then (drop or reset), until stopped. */
function chaos(everyMs: number): { stop(): Promise<number>; count(): number } {
  let breaking = true;
  let breaks = 0;
  const running = (async () => {
    while (breaking) {
      await wait(everyMs / 2 + Math.random() * everyMs);
      if (!breaking) break;
      if (breaks % 2 === 0) proxy.drop();
      else proxy.reset();
      breaks += 1;
    }
  })();
  return {
    stop: async () => {
      breaking = false;
      await running;
      return breaks;
    },
    count: () => breaks,
  };
}

describe('a stalled network', () => {
  it('fails a call within the query timeout (outcome unknown), a new connection within the connect timeout (not written); retried, it lands once', async () => {
    const store = await through('stalled', { listen: false });
    try {
      await store.append('s', [event('warm')], { expected: 'no-stream' });
      proxy.stall();
      const started = Date.now();
      const stalled = await store.append('s', [event('a')], { expected: 0 }).catch((error: unknown) => error);
      // Not a speed check: "within a bound", not "hung" — the bound is generous.
      expect(Date.now() - started).toBeLessThan(short.queryTimeoutMs + 3_000);
      expect(isStoreUnavailable(stalled) && stalled.outcome).toBe('unknown');

      const connecting = await createPostgresEventStore({
        connection: proxy.url(database.name),
        schema: 'stalled',
        migrate: false,
        listen: false,
        ...short,
      });
      const refused = await collect(connecting.readStream('s')).catch((error: unknown) => error);
      expect(isStoreUnavailable(refused) && refused.outcome).toBe('not-written');
      await connecting.close();

      proxy.resume();
      const retried = await store.append('s', [event('a')], { expected: 0 });
      expect(E.isRight(retried)).toBe(true);
      expect((await collect(store.readStream('s'))).map((recorded) => recorded.id)).toEqual(['warm', 'a']);
    } finally {
      proxy.resume();
      await store.close();
    }
  }, 30_000);
});

describe('connections dropped and reset', () => {
  it('during appends: every append lands or throws StoreUnavailable, and retried as is, lands exactly once', async () => {
    const stores = await Promise.all([through('appends'), through('appends')]);
    const faults: unknown[] = [];
    const breaking = chaos(150);
    try {
      // Each writer goes on until the connections have been broken a few times: the test is
      // about appends meeting faults, however fast this machine appends.
      const appended = await Promise.all(
        Array.from({ length: 4 }, async (_, writer) => {
          const store = stores[writer % 2] as PostgresEventStore;
          let n = 0;
          for (; n < 15 || (breaking.count() < 5 && n < 5_000); n += 1) {
            const result = await untilDone(
              () =>
                store.append(`tally-2025-01-w${writer}`, [event(`w${writer}-${n}`)], {
                  expected: n === 0 ? 'no-stream' : n - 1,
                }),
              faults,
            );
            if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
          }
          return n;
        }),
      );
      expect(await breaking.stop()).toBeGreaterThan(3);
      expect(faults.length).toBeGreaterThan(0);
      for (let writer = 0; writer < 4; writer += 1) {
        const read = await untilDone(
          () => collect(stores[0]?.readStream(`tally-2025-01-w${writer}`) ?? []),
          faults,
        );
        expect(read.map((recorded) => recorded.id)).toEqual(
          Array.from({ length: appended[writer] ?? 0 }, (_, n) => `w${writer}-${n}`),
        );
      }
    } finally {
      await breaking.stop();
      await Promise.all(stores.map((store) => store.close()));
    }
  }, 60_000);

  it('under a subscription: it resumes by itself and delivers every event once, in order', async () => {
    const writer = await createPostgresEventStore({ connection: database.url, schema: 'live' });
    const reader = await through('live', { pollIntervalMs: 100 });
    const seen: RecordedEvent[] = [];
    const errors: unknown[] = [];
    const subscription = reader.subscribe(
      {},
      { onEvent: (recorded) => void seen.push(recorded), onError: (error) => void errors.push(error) },
    );
    const breaking = chaos(80);
    try {
      await subscription.caughtUp;
      // Writes go on until the connections have been broken a few times: the test is about a
      // subscription meeting faults, however fast (or loaded) this machine is.
      let n = 0;
      for (; n < 120 || (breaking.count() < 5 && n < 5_000); n += 1) {
        await writer.append(`period-${n % 3}`, [event(`live-${n}`)], { expected: 'any' });
        if (n % 10 === 0) await wait(20);
      }
      expect(await breaking.stop()).toBeGreaterThan(3);
      const deadline = Date.now() + 15_000;
      while (seen.length < n && Date.now() < deadline) await wait(20);
      const log = await collect(writer.readAll());
      expect(seen.map((recorded) => recorded.position)).toEqual(log.map((recorded) => recorded.position));
      expect(errors).toEqual([]);
    } finally {
      await breaking.stop();
      await subscription.close();
      await Promise.all([reader.close(), writer.close()]);
    }
  }, 60_000);

  it('under checkpoint saves: each throws StoreUnavailable or saves, and the last one saved is what loads', async () => {
    const checkpoints = await createPostgresCheckpointStore({
      connection: proxy.url(database.name),
      schema: 'saves',
      ...short,
    });
    const faults: unknown[] = [];
    const breaking = chaos(40);
    try {
      // Saves go on until some met a fault, however fast this machine saves.
      let n = 0;
      for (; n < 30 || (faults.length === 0 && n < 5_000); n += 1)
        await untilDone(() => checkpoints.save('p', { position: `1:${n}`, state: { n } }), faults);
      await breaking.stop();
      const last = n - 1;
      expect(await checkpoints.load('p')).toEqual({ position: `1:${last}`, state: { n: last } });
      expect(faults.length).toBeGreaterThan(0);
    } finally {
      await breaking.stop();
      await checkpoints.close();
    }
  }, 60_000);

  it('of an idle pool you own: reported, never a crash, and the next call gets a fresh connection', async () => {
    const pool = new pg.Pool({ connectionString: proxy.url(database.name), max: 4 });
    const reported: string[] = [];
    const store = await createPostgresEventStore({
      connection: pool,
      schema: 'idle',
      onFault: (_, where) => void reported.push(where),
      ...short,
    });
    try {
      await Promise.all(
        Array.from({ length: 4 }, (_, n) => store.append(`s${n}`, [event(`i${n}`)], { expected: 'any' })),
      );
      expect(pool.idleCount).toBeGreaterThan(0);
      proxy.reset();
      await wait(200);
      expect(reported).toContain('idle connection');
      expect(E.isRight(await store.append('s0', [event('after')], { expected: 0 }))).toBe(true);
    } finally {
      await store.close();
      await pool.end();
    }
  }, 30_000);
});
