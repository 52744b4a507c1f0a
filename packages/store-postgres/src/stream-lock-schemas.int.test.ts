import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.js';

/**
 * Two stores sharing a database in schemas of their own take turns on their own streams only:
 * a turn (`exclusive`) is a session advisory lock, and advisory locks belong to the database.
 * Keyed by the stream's name alone, a turn on `period-2025-01` in one schema (period streams
 * are named in clear, alike in every schema) held the same name's turn in the other — for the
 * whole body (1,500 ms here; the store with the turn was measured entering after it).
 */
let database: FreshDatabase;
let stores: PostgresEventStore[] = [];
beforeAll(async () => {
  database = await freshDatabase();
  for (const schema of ['turns_a', 'turns_b'])
    stores.push(await createPostgresEventStore({ connection: database.url, schema, listen: false }));
});
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  stores = [];
  await database?.drop();
});

describe("a stream's turn is its schema's own (real PostgreSQL)", () => {
  it("a turn on a stream in one schema does not hold the same stream's turn in another", async () => {
    const [a, b] = stores as [PostgresEventStore, PostgresEventStore];
    let entered: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const held = a.exclusive('period-2025-01', async () => {
      entered();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    });
    await holding;
    const asked = performance.now();
    const waited = await b.exclusive('period-2025-01', async () => performance.now() - asked);
    await held;
    expect(waited).toBeLessThan(500);
  }, 30_000);
});
