import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { applyMigrations, migrate } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { createPostgresEventStore } from './postgres-event-store.js';

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

const latest = Math.max(...MIGRATIONS.map((migration) => migration.version));

const tablesOf = async (schema: string): Promise<string[]> =>
  (
    await pool.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1 order by table_name',
      [schema],
    )
  ).rows.map((row) => row.table_name);

describe('migrations', () => {
  it('create the schema on the first run and do nothing on the second', async () => {
    const first = await migrate(pool, { schema: 'twice' });
    expect(first).toEqual({ schema: 'twice', applied: MIGRATIONS.map((m) => m.version), version: latest });
    const second = await migrate(database.url, { schema: 'twice' });
    expect(second).toEqual({ schema: 'twice', applied: [], version: latest });
    expect(await tablesOf('twice')).toEqual([
      'checkpoints',
      'detail_events',
      'events',
      'keys',
      'schema_migrations',
      'streams',
    ]);
  });

  it('run concurrently from many connections: one applies each step, the others find it done', async () => {
    const reports = await Promise.all(
      Array.from({ length: 6 }, () => migrate(database.url, { schema: 'raced' })),
    );
    const applied = reports.flatMap((report) => report.applied).sort((a, b) => a - b);
    expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
    expect(reports.every((report) => report.version === latest)).toBe(true);
    const { rows } = await pool.query<{ version: number }>(
      'select version from raced.schema_migrations order by 1',
    );
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('run on store creation unless told not to', async () => {
    const store = await createPostgresEventStore({ connection: pool, schema: 'on_start' });
    await store.close();
    expect(await tablesOf('on_start')).toContain('events');
    await expect(
      createPostgresEventStore({ connection: pool, schema: 'never_made', migrate: false }),
    ).resolves.toBeDefined();
    expect(await tablesOf('never_made')).toEqual([]);
  });

  it('keep schemas apart: stores in two schemas of one database share nothing', async () => {
    const [a, b] = await Promise.all([
      createPostgresEventStore({ connection: pool, schema: 'tenant_a' }),
      createPostgresEventStore({ connection: pool, schema: 'tenant_b' }),
    ]);
    try {
      const event = { id: 'e1', type: 'T', data: Uint8Array.of(1), metadata: Uint8Array.of(2) };
      expect(E.isRight(await a.append('s', [event], { expected: 'no-stream' }))).toBe(true);
      expect(E.isRight(await b.append('s', [event], { expected: 'no-stream' }))).toBe(true);
      const inB: unknown[] = [];
      for await (const recorded of b.readAll()) inB.push(recorded.id);
      expect(inB).toEqual(['e1']);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuse to start on a log restored into a cluster whose transaction ids are behind it', async () => {
    const store = await createPostgresEventStore({ connection: pool, schema: 'restored' });
    await store.append('s', [{ id: 'e1', type: 'T', data: Uint8Array.of(1), metadata: Uint8Array.of(2) }], {
      expected: 'no-stream',
    });
    await store.close();
    await pool.query(
      `insert into restored.events (transaction_id, stream_id, revision, event_id, type, data, metadata)
       select '900000000000'::xid8, stream_id, 1, 'from-the-future', 'T', '\\x01', '\\x02' from restored.streams`,
    );
    await expect(migrate(pool, { schema: 'restored' })).rejects.toThrow(/restored into a cluster/);
  });

  it('turn events an earlier release stored as JSON into their exact text as bytes, and go on appending after them', async () => {
    await applyMigrations(
      database.url,
      'json_era',
      MIGRATIONS.filter((migration) => migration.version <= 4),
    );
    const text = '{"b": 1,  "a": "åäö \\u0000"}';
    await pool.query(`insert into json_era.streams (name, revision) values ('tally-2024-12-x', 0)`);
    await pool.query(
      `insert into json_era.events (stream_id, revision, event_id, type, data, metadata)
       select stream_id, 0, 'old', 'Tallied', $1::json, '{"hash":"ab"}'::json from json_era.streams`,
      [text],
    );
    const store = await createPostgresEventStore({ connection: pool, schema: 'json_era' });
    try {
      const appended = await store.append(
        'tally-2024-12-x',
        [
          {
            id: 'new',
            type: 'T',
            data: Uint8Array.from({ length: 48 }, (_, at) => at * 5),
            metadata: Uint8Array.of(1),
          },
        ],
        {
          expected: 0,
        },
      );
      expect(E.isRight(appended)).toBe(true);
      const read = await collect(store.readStream('tally-2024-12-x'));
      expect(read.map((event) => [event.id, event.revision])).toEqual([
        ['old', 0],
        ['new', 1],
      ]);
      expect(new TextDecoder().decode(read[0]?.data)).toBe(text);
      expect(new TextDecoder().decode(read[0]?.metadata)).toBe('{"hash":"ab"}');
      const deletion = await store.deleteStreams(['tally-2024-12-x']);
      expect(deletion, deletion.detail).toEqual({ removed: 2, extent: 'physical' });
    } finally {
      await store.close();
    }
  });

  it('upgrade a version-5 store: events its append_batch wrote are still known ids (retries), and appends go on', async () => {
    const version5 = MIGRATIONS.filter((migration) => migration.version <= 5);
    await applyMigrations(database.url, 'v5_era', version5);
    const event = (id: string) => ({ id, type: 'T', data: Uint8Array.of(7), metadata: Uint8Array.of(8) });
    // Written by version 5's function, as a store of the last release wrote them.
    const before = await createPostgresEventStore({ connection: pool, schema: 'v5_era', migrate: false });
    try {
      expect(
        E.isRight(
          await before.append('tally-2025-01-x', [event('a'), event('b')], { expected: 'no-stream' }),
        ),
      ).toBe(true);
    } finally {
      await before.close();
    }
    const store = await createPostgresEventStore({ connection: pool, schema: 'v5_era' });
    try {
      const { rows } = await pool.query<{ version: number }>(
        'select max(version) as version from v5_era.schema_migrations',
      );
      expect(rows[0]?.version).toBe(latest);
      const retried = await store.append('tally-2025-01-x', [event('a')], { expected: 'any' });
      expect(E.isRight(retried) && retried.right).toEqual(
        expect.objectContaining({ written: 0, nextRevision: 1 }),
      );
      const appended = await store.append('tally-2025-01-x', [event('b'), event('c')], { expected: 1 });
      expect(E.isRight(appended) && appended.right).toEqual(
        expect.objectContaining({ written: 1, nextRevision: 2 }),
      );
      const read = await collect(store.readStream('tally-2025-01-x'));
      expect(read.map((recorded) => [recorded.id, recorded.revision])).toEqual([
        ['a', 0],
        ['b', 1],
        ['c', 2],
      ]);
    } finally {
      await store.close();
    }
  });

  it('upgrade a version-6 store: stream ids stop counting creations, deleted streams lose theirs, live ones keep theirs', async () => {
    await applyMigrations(
      database.url,
      'v6_era',
      MIGRATIONS.filter((migration) => migration.version <= 6),
    );
    const event = (id: string) => ({ id, type: 'T', data: Uint8Array.of(7), metadata: Uint8Array.of(8) });
    const before = await createPostgresEventStore({ connection: pool, schema: 'v6_era', migrate: false });
    try {
      for (const name of ['series-a', 'series-b', 'period-2025-01'])
        expect(E.isRight(await before.append(name, [event(name)], { expected: 'no-stream' }))).toBe(true);
      await before.deleteStreams(['series-a', 'series-b']);
    } finally {
      await before.close();
    }
    const ids = async () =>
      new Map(
        (
          await pool.query<{ name: string; id: string }>(
            'select name, stream_id::text as id from v6_era.streams',
          )
        ).rows.map((row) => [row.name, row.id]),
      );
    const old = await ids();
    expect([...old.values()].sort()).toEqual(['1', '2', '3']);
    const store = await createPostgresEventStore({ connection: pool, schema: 'v6_era' });
    try {
      const now = await ids();
      expect(now.get('period-2025-01')).toBe(old.get('period-2025-01'));
      expect(now.get('series-a')).not.toBe(old.get('series-a'));
      expect(now.get('series-b')).not.toBe(old.get('series-b'));
      expect(E.isRight(await store.append('series-c', [event('c')], { expected: 'no-stream' }))).toBe(true);
      expect(Number((await ids()).get('series-c'))).toBeGreaterThan(1_000_000);
      expect((await collect(store.readStream('period-2025-01'))).map((recorded) => recorded.id)).toEqual([
        'period-2025-01',
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuse a schema name that is not a plain lower-case identifier, as a programmer error', async () => {
    await expect(migrate(pool, { schema: 'Robert"; drop table x; --' })).rejects.toThrow(TypeError);
  });
});
