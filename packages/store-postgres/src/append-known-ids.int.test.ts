import type { EventToAppend } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresEventStore } from './postgres-event-store.js';

// An append looks up whether its events are already in their stream (an idempotent retry). As
// released, that check's generic plan was a hashed subplan: a sequential scan of every event of
// both tables on every append to an existing stream, so appends slowed as the log grew (the
// bench's PEERS workload on PostgreSQL: ≈ 560 appends a second at 2,000 events, 170 at 8,000).
// Held here without a clock: PostgreSQL's own count of sequential scans of the two event
// tables does not grow with appends, retries and batches to existing streams.

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.drop());

const event = (id: string): EventToAppend => ({
  id,
  type: 'T',
  data: new TextEncoder().encode(`data of ${id}`),
  metadata: new Uint8Array(0),
});

/** Sequential scans of the schema's two event tables so far, as the statistics collector counts them. */
async function sequentialScans(schema: string): Promise<number> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ scans: string }>(
      `select coalesce(sum(seq_scan), 0)::text as scans from pg_stat_user_tables
        where schemaname = $1 and relname in ('events', 'detail_events')`,
      [schema],
    );
    return Number(rows[0]?.scans ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * The count once it has settled: the collector takes a moment to fold in the counts of
 * backends that just ended (three equal readings 200 ms apart).
 */
async function settledScans(schema: string): Promise<number> {
  let last = await sequentialScans(schema);
  for (let equal = 0; equal < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await sequentialScans(schema);
    equal = now === last ? equal + 1 : 0;
    last = now;
  }
  return last;
}

/** Appends to existing streams (a month's detail stream and a clear one), retries and a batch, through one store. */
async function appendToExistingStreams(schema: string, tag: string, rounds: number): Promise<void> {
  const store = await createPostgresEventStore({ connection: database.url, schema, listen: false });
  try {
    const streams = ['tally-2025-01', 'catalogue-vaggeryd'];
    for (const stream of streams) {
      const opened = await store.append(stream, [event(`${stream}-${tag}-0`)], { expected: 'any' });
      expect(E.isRight(opened)).toBe(true);
    }
    for (let round = 1; round <= rounds; round += 1)
      for (const stream of streams) {
        const written = await store.append(stream, [event(`${stream}-${tag}-${round}`)], { expected: 'any' });
        expect(E.isRight(written) && written.right.written).toBe(1);
        const retried = await store.append(stream, [event(`${stream}-${tag}-${round}`)], { expected: 'any' });
        expect(E.isRight(retried) && retried.right.written).toBe(0);
      }
    const batch = await store.appendBatch(
      streams.map((stream) => ({
        stream,
        events: [event(`${stream}-${tag}-batch`)],
        expected: 'any' as const,
      })),
    );
    expect(E.isRight(batch)).toBe(true);
  } finally {
    // Closing ends the store's connections, and a backend reports its statistics as it ends.
    await store.close();
  }
}

describe('an append to an existing stream', () => {
  it('finds known ids by the index: no sequential scan of the event tables, however many appends', async () => {
    const schema = 'known_ids';
    // A first store creates the schema (its migrations may scan the empty tables).
    await appendToExistingStreams(schema, 'first', 1);
    const before = await settledScans(schema);
    await appendToExistingStreams(schema, 'second', 40);
    const after = await settledScans(schema);
    // 160 appends and a batch, each checking its ids: one scan each before the fix.
    expect(after - before).toBe(0);
  });
});
