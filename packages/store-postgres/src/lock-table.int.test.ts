import type { EventToAppend } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FreshDatabase } from '../test/fresh-database.js';
import { sleepMetadata } from '../test/slow-commit.js';
import { CURRENT_SCHEMA, databaseWithWeakSchema } from '../test/weak-schema.js';
import { createPostgresEventStore } from './postgres-event-store.js';

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
const encoder = new TextEncoder();

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

const batch = (
  round: string,
  writer: number,
): { stream: string; events: EventToAppend[]; expected: 'any' }[] =>
  Array.from({ length: STREAMS_PER_BATCH }, (_, index) => ({
    stream: `${round}-w${writer}-s${index}`,
    expected: 'any' as const,
    events: [
      {
        id: `${round}-w${writer}-e${index}`,
        type: 'Imported',
        data: encoder.encode('{}'),
        // The first event of each batch holds its transaction open: every batch holds its locks at
        // once. Batches of 1,000 streams lock every stripe and so commit one after another under
        // version 9: held 6 s in all, they stay within the statement timeout (10 s; more is an open
        // break, `open-breaks/attack-m9-burst.int.test.ts`).
        metadata: index === 0 ? sleepMetadata(Math.floor(6_000 / batchesAtOnce())) : encoder.encode('{}'),
      },
    ],
  }));

/** Every writer commits one large batch at the same moment; what each call answered or threw. */
async function burst(schema: string, round: string): Promise<{ written: number; faults: string[] }> {
  const writers = batchesAtOnce();
  const stores = await Promise.all(
    Array.from({ length: writers }, () =>
      createPostgresEventStore({ connection: database.url, schema, migrate: false }),
    ),
  );
  const faults: string[] = [];
  let written = 0;
  try {
    await Promise.all(
      stores.map(async (store, writer) => {
        try {
          const result = await store.appendBatch(batch(round, writer));
          if (E.isLeft(result)) faults.push(`refused: ${result.left.code}`);
          else written += result.right.reduce((sum, part) => sum + part.written, 0);
        } catch (error) {
          faults.push(error instanceof Error ? error.message : String(error));
        }
      }),
    );
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
  return { written, faults };
}

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
