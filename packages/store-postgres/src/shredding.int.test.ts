import { randomBytes, randomUUID } from 'node:crypto';
import type { EventToAppend } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { found, tableFiles } from '../test/attacker.js';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresCheckpointStore } from './postgres-checkpoint-store.js';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.js';
import { createPostgresKeyStore } from './postgres-key-store.js';

// The attacker holds every byte of the tables' files (heap, TOAST, indexes) after the store
// said what it did. Each test first shows the attacker finding what it looks for where it is
// (so the check can fail), and a weak variant of the deletion it defeats.

let database: FreshDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await freshDatabase();
  pool = new pg.Pool({ connectionString: database.url });
});
const appRole = `pinn_app_${randomBytes(4).toString('hex')}`;
afterAll(async () => {
  await pool?.end();
  await database?.drop();
  const admin = new pg.Client({ connectionString: database.url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`drop role if exists ${appRole}`);
  await admin.end();
});

/** Ciphertext-like events: random bytes, as the core stores private detail. */
const detail = (count: number, size = 300): EventToAppend[] =>
  Array.from({ length: count }, () => ({
    id: randomUUID(),
    type: 'Encrypted',
    data: randomBytes(size),
    metadata: randomBytes(34),
  }));

async function withStore<T>(schema: string, body: (store: PostgresEventStore) => Promise<T>): Promise<T> {
  const store = await createPostgresEventStore({ connection: database.url, schema });
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

/** Holds a snapshot taken now (repeatable read) until released: an old reader VACUUM must respect. */
async function openSnapshot(): Promise<{ pid: number; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: database.url, application_name: 'old-report' });
  await client.connect();
  await client.query('begin isolation level repeatable read');
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  return {
    pid: rows[0]?.pid as number,
    release: async () => {
      await client.query('commit');
      await client.end();
    },
  };
}

describe('deleted streams on PostgreSQL: gone from every file of the tables', () => {
  it('a plain DELETE and VACUUM leave the bytes in the heap file (the weak version the attacker beats)', async () => {
    await withStore('weak', async (store) => {
      // Rows that stay share the pages: VACUUM cannot simply cut the file short.
      await store.append('tally-2025-02-stays', detail(5), { expected: 'no-stream' });
      const doomed = detail(20);
      await store.append('tally-2025-01-weak', doomed, { expected: 'no-stream' });
      await pool.query(`begin; set local pinnstatistik.shredding = 'on';
        delete from weak.detail_events d using weak.streams s
         where s.stream_id = d.stream_id and s.name = 'tally-2025-01-weak'; commit`);
      await pool.query('vacuum weak.detail_events');
      expect(await collect(store.readStream('tally-2025-01-weak'))).toEqual([]);
      const files = await tableFiles(database.url, 'weak.detail_events');
      expect(
        found(
          files,
          doomed.map((event) => event.data),
        ).length,
      ).toBeGreaterThan(0);
    });
  });

  it('deleteStreams reports physical, and the attacker finds none of the deleted bytes, only the kept', async () => {
    await withStore('shred', async (store) => {
      const doomed = { sheet: detail(30), series: detail(5, 5_000) }; // the series' events are TOASTed
      const kept = detail(10);
      // What stays was written first, what goes after it: a plain VACUUM would leave the
      // latter's bytes in the pages' free space.
      await store.append('tally-2025-02-b', kept, { expected: 'no-stream' });
      await store.appendBatch([
        { stream: 'tally-2025-01-a', events: doomed.sheet, expected: 'no-stream' },
        { stream: 'series-0a1b', events: doomed.series, expected: 'no-stream' },
      ]);
      const before = await tableFiles(database.url, 'shred.detail_events');
      expect(
        found(
          before,
          [...doomed.sheet, ...doomed.series].map((event) => event.data),
        ),
      ).toHaveLength(35);

      const deletion = await store.deleteStreams(['tally-2025-01-a', 'series-0a1b']);
      expect(deletion).toEqual({ removed: 35, extent: 'physical' });

      const files = await tableFiles(database.url, 'shred.detail_events');
      const secrets = [...doomed.sheet, ...doomed.series].flatMap((event) => [
        event.data,
        event.metadata,
        Buffer.from(event.id),
      ]);
      expect(found(files, secrets)).toEqual([]);
      expect(
        found(
          files,
          kept.map((event) => event.data),
        ),
      ).toHaveLength(10);
      expect((await collect(store.readAll())).map((event) => event.id)).toEqual(
        kept.map((event) => event.id),
      );
    });
  });

  it('says logical, naming the session, while an older snapshot still sees the rows; the next compaction finishes', async () => {
    await withStore('held', async (store) => {
      const doomed = detail(10);
      await store.append('tally-2025-01-held', doomed, { expected: 'no-stream' });
      await store.append('tally-2025-02-later', detail(3), { expected: 'no-stream' });
      const snapshot = await openSnapshot();
      let released = false;
      try {
        const deletion = await store.deleteStreams(['tally-2025-01-held']);
        expect(deletion.removed).toBe(10);
        expect(deletion.extent).toBe('logical');
        expect(deletion.detail).toContain(`pid ${snapshot.pid}`);
        expect(deletion.detail).toContain('old-report');
        // Honest: the bytes are indeed still there.
        const files = await tableFiles(database.url, 'held.detail_events');
        expect(
          found(
            files,
            doomed.map((event) => event.data),
          ).length,
        ).toBeGreaterThan(0);
        await snapshot.release();
        released = true;
        expect((await store.deleteStreams(['tally-2025-02-later'])).extent).toBe('physical');
        const after = await tableFiles(database.url, 'held.detail_events');
        expect(
          found(
            after,
            doomed.map((event) => event.data),
          ),
        ).toEqual([]);
      } finally {
        if (!released) await snapshot.release();
      }
    });
  });
});

describe('destroyed keys on PostgreSQL: gone from every file of the key table', () => {
  it('a plain DELETE and VACUUM (even after overwriting with zeros) leave destroyed keys in the files', async () => {
    const keys = await createPostgresKeyStore({ connection: database.url, schema: 'weak_keys' });
    try {
      await keys.create('series-live'); // a key that stays shares the page
      const created: Uint8Array[] = [];
      for (let n = 1; n <= 12; n += 1) created.push(await keys.create(`period-2025-${n}`));
      await pool.query(
        `update weak_keys.keys set key = '\\x${'00'.repeat(32)}' where key_id like 'period-%'`,
      );
      await pool.query(`delete from weak_keys.keys where key_id like 'period-%'`);
      await pool.query('vacuum weak_keys.keys');
      expect(await keys.get('period-2025-1')).toBeUndefined();
      const files = await tableFiles(database.url, 'weak_keys.keys');
      expect(found(files, created).length).toBeGreaterThan(0);
    } finally {
      await keys.close();
    }
  });

  it('destroy answers verified, and the attacker finds no destroyed key in the heap, TOAST or index files', async () => {
    const keys = await createPostgresKeyStore({ connection: database.url, schema: 'keys_shred' });
    try {
      // Keys that stay were created first, the destroyed ones after them (as a month's key is
      // created after older ones that outlive it): a plain VACUUM would leave the latter's
      // bytes in the page's free space.
      const ids = Array.from({ length: 20 }, (_, n) => `series-${n}`);
      const created = new Map<string, Uint8Array>();
      for (const id of ids) created.set(id, await keys.create(id));
      const destroyed = ids.slice(10);
      for (const id of destroyed) expect(await keys.destroy(id)).toEqual({ outcome: 'verified' });
      const files = await tableFiles(database.url, 'keys_shred.keys');
      expect(
        found(
          files,
          destroyed.map((id) => created.get(id) as Uint8Array),
        ),
      ).toEqual([]);
      const live = ids.filter((id) => !destroyed.includes(id));
      expect(
        found(
          files,
          live.map((id) => created.get(id) as Uint8Array),
        ),
      ).toHaveLength(live.length);
    } finally {
      await keys.close();
    }
  });

  it('destroy answers residue, naming the session, while an older snapshot sees the key; destroying again verifies', async () => {
    const keys = await createPostgresKeyStore({ connection: database.url, schema: 'keys_held' });
    try {
      const key = await keys.create('period-2025-04');
      await keys.create('period-2025-05');
      const snapshot = await openSnapshot();
      let released = false;
      try {
        const destruction = await keys.destroy('period-2025-04');
        expect(destruction.outcome).toBe('residue');
        expect(destruction.detail).toContain(`pid ${snapshot.pid}`);
        expect(found(await tableFiles(database.url, 'keys_held.keys'), [key])).toHaveLength(1);
        await snapshot.release();
        released = true;
        expect(await keys.destroy('period-2025-04')).toEqual({ outcome: 'verified' });
        expect(found(await tableFiles(database.url, 'keys_held.keys'), [key])).toEqual([]);
      } finally {
        if (!released) await snapshot.release();
      }
    } finally {
      await keys.close();
    }
  });
});

describe('a store role without the rights to check', () => {
  it('answers unverifiable (naming the right it lacks), and verified given a maintenance connection', async () => {
    await pool.query(`create role ${appRole} login`);
    await pool.query(`grant create on database ${database.name} to ${appRole}`);
    const asApp = database.url.replace('://postgres@', `://${appRole}@`);
    const weak = await createPostgresKeyStore({ connection: asApp, schema: 'rights' });
    const able = await createPostgresKeyStore({
      connection: asApp,
      schema: 'rights',
      maintenance: database.url,
    });
    try {
      const key = await weak.create('period-2025-06');
      const unchecked = await weak.destroy('period-2025-06');
      expect(unchecked.outcome).toBe('unverifiable');
      expect(unchecked.detail).toContain('pg_checkpoint');
      expect(await weak.get('period-2025-06')).toBeUndefined();
      await able.create('period-2025-07');
      expect(await able.destroy('period-2025-07')).toEqual({ outcome: 'verified' });
      expect(found(await tableFiles(database.url, 'rights.keys'), [key])).toEqual([]);

      const events = await createPostgresEventStore({ connection: asApp, schema: 'rights' });
      const checked = await createPostgresEventStore({
        connection: asApp,
        schema: 'rights',
        maintenance: database.url,
      });
      try {
        await events.append('tally-2025-06-r', detail(3), { expected: 'no-stream' });
        await events.append('tally-2025-07-r', detail(3), { expected: 'no-stream' });
        const logical = await events.deleteStreams(['tally-2025-06-r']);
        expect(logical.extent).toBe('logical');
        expect(logical.detail).toContain('pg_checkpoint');
        expect(await checked.deleteStreams(['tally-2025-07-r'])).toEqual({ removed: 3, extent: 'physical' });
      } finally {
        await Promise.all([events.close(), checked.close()]);
      }
    } finally {
      await Promise.all([weak.close(), able.close()]);
    }
  });
});

describe('superseded checkpoints on PostgreSQL', () => {
  it('linger in the file after a save replaced them, until compact() rewrites the table', async () => {
    const checkpoints = await createPostgresCheckpointStore({
      connection: database.url,
      schema: 'superseded',
      compactEverySaves: 0,
    });
    try {
      const marker = randomBytes(24).toString('hex');
      await checkpoints.save('statistics', { position: '1:1', state: { open: marker } });
      await checkpoints.save('statistics', { position: '1:2', state: { open: 'replaced' } });
      const needle = [Buffer.from(marker)];
      expect(found(await tableFiles(database.url, 'superseded.checkpoints'), needle)).toHaveLength(1);
      expect(await checkpoints.compact()).toEqual({ outcome: 'verified' });
      expect(found(await tableFiles(database.url, 'superseded.checkpoints'), needle)).toEqual([]);
      expect(await checkpoints.load('statistics')).toEqual({ position: '1:2', state: { open: 'replaced' } });
    } finally {
      await checkpoints.close();
    }
  });
});
