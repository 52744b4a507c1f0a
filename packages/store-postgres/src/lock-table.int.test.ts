import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchBurst } from '../test/batch-burst.js';
import type { FreshDatabase } from '../test/fresh-database.js';
import { CURRENT_SCHEMA, databaseWithWeakSchema } from '../test/weak-schema.js';

/**
 * The attack: many connections commit large batches at once — an import in several workers, or
 * group commits of many sheets in several processes — each holding its transaction open a moment
 * (a slow disk, a busy server). PostgreSQL keeps advisory locks in one shared table sized
 * `max_locks_per_transaction` × connections; a statement that holds more than its share of it,
 * times enough connections, fills it, and every append then fails with "out of shared memory"
 * (thrown: the caller cannot even tell whether its events were written). Version 8 of the schema
 * took up to 1,280 advisory locks a statement, and sixteen such batches at once filled a table of
 * the default size; the second test shows it, so the first is known to bite.
 */
let database: FreshDatabase;
/** Advisory locks the server's lock table holds (its size; PostgreSQL's default is 6,400). */
let lockTableSize: number;
const CURRENT = CURRENT_SCHEMA;
const VERSION_8 = 'version_8';
const STREAMS_PER_BATCH = 1_000;
/** What version 8 took a batch of 1,000 streams at most: its 256 stripes shared and the 1,000 streams. */
const VERSION_8_LOCKS_PER_BATCH = 1_256;

beforeAll(async () => {
  database = await databaseWithWeakSchema(VERSION_8, 8);
  const pool = new pg.Pool({ connectionString: database.url });
  try {
    const { rows } = await pool.query<{ size: string }>(
      `select (current_setting('max_locks_per_transaction')::int
              * (current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int))::text as size`,
    );
    lockTableSize = Number(rows[0]?.size);
  } finally {
    await pool.end();
  }
});
afterAll(() => database?.drop());

/**
 * Enough batches at once that version 8's locks would need the lock table three times over (the
 * server lends the table spare shared memory: eight at once, 1.6 times over, went through).
 */
const batchesAtOnce = (): number =>
  Math.min(80, Math.max(16, Math.ceil((3 * lockTableSize) / VERSION_8_LOCKS_PER_BATCH)));

/** Every writer commits one 1,000-stream batch at the same moment. */
const burst = (schema: string, round: string) =>
  batchBurst({
    url: database.url,
    schema,
    round,
    writers: batchesAtOnce(),
    streamsPerBatch: STREAMS_PER_BATCH,
    // Batches of 1,000 streams lock every stripe and so commit one after another under version 9:
    // held 6 s in all, they stay within the statement timeout (10 s; more is an open break,
    // `open-breaks/attack-m9-burst.int.test.ts`).
    holdMs: Math.floor(6_000 / batchesAtOnce()),
  });

describe('appends at once never fill PostgreSQL’s lock table', () => {
  it('as many large batches at once as would need the lock table three times over under version 8: every one is written', async () => {
    const writers = batchesAtOnce();
    const { written, faults } = await burst(CURRENT, 'now');
    expect(faults).toEqual([]);
    expect(written).toBe(writers * STREAMS_PER_BATCH);
    // And each advisory lock is gone with its transaction: the same burst again is written too.
    const again = await burst(CURRENT, 'again');
    expect(again.faults).toEqual([]);
  }, 120_000);

  it('the weak version (schema version 8, up to 1,280 locks a statement) fails the same burst with "out of shared memory"', async () => {
    const { faults } = await burst(VERSION_8, 'weak');
    expect(faults.length).toBeGreaterThan(0);
    expect(faults.some((fault) => fault.includes('out of shared memory'))).toBe(true);
  }, 120_000);
});
