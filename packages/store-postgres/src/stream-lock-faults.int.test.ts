import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.js';

// A turn that ends badly — its body throws, or its lock's connection is killed mid-body —
// must still let the next writer (in this process or another) have the stream promptly.

let database: FreshDatabase;
let stores: PostgresEventStore[] = [];
beforeAll(async () => {
  database = await freshDatabase();
  for (let index = 0; index < 2; index += 1)
    stores.push(
      await createPostgresEventStore({
        connection: database.url,
        schema: 'lock_faults',
        listen: false,
        connectTimeoutMs: 2_000,
        statementTimeoutMs: 3_000,
      }),
    );
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  stores = [];
  await database?.drop();
});

const within = <T>(ms: number, promise: Promise<T>): Promise<T> =>
  Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no turn within ${ms} ms`)), ms)),
  ]);

describe('a stream turn that ends badly (real PostgreSQL)', () => {
  it('a body that throws rejects its caller with its error and frees the stream for both processes', async () => {
    const [here, there] = stores as [PostgresEventStore, PostgresEventStore];
    await expect(
      here.exclusive('s-throw', async () => {
        throw new Error('decided badly');
      }),
    ).rejects.toThrow('decided badly');
    expect(
      await within(
        1_000,
        here.exclusive('s-throw', async () => 'here'),
      ),
    ).toBe('here');
    expect(
      await within(
        1_000,
        there.exclusive('s-throw', async () => 'there'),
      ),
    ).toBe('there');
  });

  it('a lock whose connection is killed mid-body answers the body, and the next writer gets the stream', async () => {
    const [here, there] = stores as [PostgresEventStore, PostgresEventStore];
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const answer = await here.exclusive('s-killed', async () => {
        // Only this test's database: the server is shared.
        const killed = await admin.query(
          `select pg_terminate_backend(pid) from pg_locks
            where locktype = 'advisory' and granted and pid <> pg_backend_pid()
              and database = (select oid from pg_database where datname = current_database())`,
        );
        expect(killed.rowCount).toBe(1);
        return 'answered';
      });
      expect(answer).toBe('answered');
      expect(
        await within(
          1_000,
          there.exclusive('s-killed', async () => 'there'),
        ),
      ).toBe('there');
      expect(
        await within(
          1_000,
          here.exclusive('s-killed', async () => 'here'),
        ),
      ).toBe('here');
    } finally {
      await admin.end();
    }
  });
});
