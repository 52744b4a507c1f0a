import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../src/postgres-event-store.js';
import { batchBurst } from '../test/batch-burst.js';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { installSlowCommits } from '../test/slow-commit.js';

/**
 * The attack of `lock-table.int.test.ts`, unchanged but for how many batches come at once: that
 * file sizes its burst from the server's lock table (16 batches at PostgreSQL's defaults, 31 at
 * max_connections = 200). Every call of more than 32 streams now takes its stripes exclusively,
 * and 1,000 streams cover all 64: the batches no longer run side by side but one after another,
 * each holding the next 400 ms. 31 of them need ≈ 12 s end to end, past the store's statement
 * timeout (10 s by default): the last batches are cancelled and thrown as `StoreUnavailable`,
 * "may or may not have been applied" — the very harm "out of shared memory" did under version 8.
 *
 * Open (`pnpm test:open-breaks`): bounding the locks a statement holds means a large call locks
 * stripes, not streams, and two large calls on disjoint streams then wait for each other. Version
 * 8 failed this burst with "out of shared memory" instead; version 7 wrote it, with streams out of
 * log order. What would close it: large calls that do not hold every stripe until they commit.
 */
let database: FreshDatabase;
const SCHEMA = 'pinnstatistik';
const WRITERS = 31;
const STREAMS_PER_BATCH = 1_000;

beforeAll(async () => {
  database = await freshDatabase();
  const pool = new pg.Pool({ connectionString: database.url });
  try {
    const store = await createPostgresEventStore({ connection: pool });
    await store.close();
    await installSlowCommits(pool, SCHEMA);
  } finally {
    await pool.end();
  }
});
afterAll(() => database?.drop());

describe('attack m9: the lock-table burst at max_connections = 200', () => {
  it(`${WRITERS} batches of 1,000 streams at once, each holding its commit 400 ms: every one is written`, async () => {
    const start = Date.now();
    const { written, faults } = await batchBurst({
      url: database.url,
      schema: SCHEMA,
      round: 'burst',
      writers: WRITERS,
      streamsPerBatch: STREAMS_PER_BATCH,
      holdMs: 400,
    });
    console.log(
      `${WRITERS} batches: ${written} events written in ${Date.now() - start} ms; ${faults.length} thrown`,
      faults.slice(0, 2),
    );
    expect(faults).toEqual([]);
    expect(written).toBe(WRITERS * STREAMS_PER_BATCH);
  }, 120_000);
});
