import { type EventToAppend, type RecordedEvent, seededRandom } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { installSlowCommits, sleepMetadata } from '../test/slow-commit.js';
import { comparePositions } from './position.js';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.js';

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
  const pool = new pg.Pool({ connectionString: database.url });
  const store = await createPostgresEventStore({ connection: pool });
  await store.close();
  await installSlowCommits(pool, 'pinnstatistik');
  await pool.end();
});
afterAll(() => database?.drop());

const WRITERS = 6;
const OPERATIONS = 40;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every store gets its own pool: writers and subscribers really are separate connections. */
const open = (): Promise<PostgresEventStore> =>
  createPostgresEventStore({ connection: database.url, pollIntervalMs: 250 });

interface Written {
  readonly stream: string;
  readonly ids: readonly string[];
}

/**
 * One writer: a seeded mix of optimistic appends to a hot stream every writer contends for
 * (exact expected revision, retried with the actual one on conflict), appends to shared
 * streams with "any", to its own streams, and retries of batches it already wrote (which
 * must succeed without writing). Some events hold their transaction open for a few ms after
 * taking their sequence number, so commits land out of sequence order.
 */
async function writer(index: number, store: PostgresEventStore): Promise<Written[]> {
  const random = seededRandom(1_000 + index);
  const written: Written[] = [];
  for (let operation = 0; operation < OPERATIONS; operation += 1) {
    const batch: EventToAppend[] = Array.from({ length: 1 + Math.floor(random.next() * 3) }, (_, n) => ({
      id: `w${index}-o${operation}-e${n}`,
      type: 'Tallied',
      data: bytes(JSON.stringify({ writer: index, operation, n })),
      metadata: random.next() < 0.3 ? sleepMetadata(Math.floor(random.next() * 15)) : bytes('{}'),
    }));
    const roll = random.next();
    if (roll < 0.15 && written.length > 0) {
      const previous = written[Math.floor(random.next() * written.length)] as Written;
      const again = previous.ids.map((id) => ({
        id,
        type: 'Tallied',
        data: bytes('{}'),
        metadata: bytes('{}'),
      }));
      const retry = await store.append(previous.stream, again, { expected: 0 });
      if (E.isLeft(retry) || retry.right.written !== 0)
        throw new Error(`retry wrote again: ${JSON.stringify(retry)}`);
      continue;
    }
    if (roll < 0.55) {
      const [last] = await collect(store.readStream('hot', { direction: 'backwards', limit: 1 }));
      let expected: number | 'no-stream' = last === undefined ? 'no-stream' : last.revision;
      for (;;) {
        const result = await store.append('hot', batch, { expected });
        if (E.isRight(result)) break;
        if (result.left.code !== 'WRONG_EXPECTED_REVISION') throw new Error(result.left.code);
        expected = result.left.actual;
      }
      written.push({ stream: 'hot', ids: batch.map((event) => event.id) });
      continue;
    }
    const stream = roll < 0.8 ? `shared-${Math.floor(random.next() * 3)}` : `own-${index}-${operation % 4}`;
    const result = await store.append(stream, batch, { expected: 'any' });
    if (E.isLeft(result)) throw new Error(`"any" conflicted: ${JSON.stringify(result.left)}`);
    written.push({ stream, ids: batch.map((event) => event.id) });
  }
  return written;
}

function collecting(store: PostgresEventStore, after?: string) {
  const seen: RecordedEvent[] = [];
  const errors: unknown[] = [];
  const subscription = store.subscribe(after === undefined ? {} : { after }, {
    onEvent: (event) => void seen.push(event),
    onError: (error) => void errors.push(error),
  });
  return { seen, errors, subscription };
}

describe('postgres event store under concurrent writers and subscribers', () => {
  it('loses, skips and repeats nothing: every subscriber sees exactly the committed log, in position order', async () => {
    const subscriberStores = await Promise.all([open(), open(), open(), open()]);
    const [early, late, interrupted, resumedOn] = subscriberStores as [
      PostgresEventStore,
      PostgresEventStore,
      PostgresEventStore,
      PostgresEventStore,
    ];
    const writerStores = await Promise.all(Array.from({ length: WRITERS }, open));
    try {
      const first = collecting(early);
      const stopping = collecting(interrupted);
      await Promise.all([first.subscription.caughtUp, stopping.subscription.caughtUp]);

      const writing = Promise.all(writerStores.map((store, index) => writer(index, store)));
      // One subscriber starts mid-way (catch-up, then live); another stops mid-way and a new
      // one resumes from its last position, on another connection, as after a restart.
      await wait(150);
      const second = collecting(late);
      await wait(150);
      await stopping.subscription.close();
      const checkpoint = stopping.seen.at(-1)?.position;
      const resumed = collecting(resumedOn, checkpoint);
      const written = (await writing).flat();

      const committed = written.flatMap((batch) => batch.ids);
      expect(new Set(committed).size).toBe(committed.length);
      const log = await collect(early.readAll());
      const logIds = log.map((event) => event.id);
      expect(new Set(logIds).size).toBe(logIds.length); // nothing written twice
      expect([...logIds].sort()).toEqual([...committed].sort()); // nothing lost, nothing extra

      for (let index = 1; index < log.length; index += 1) {
        expect(
          comparePositions(
            (log[index - 1] as RecordedEvent).position,
            (log[index] as RecordedEvent).position,
          ),
        ).toBe(-1);
      }
      const revisions = new Map<string, number[]>();
      for (const event of log)
        revisions.set(event.stream, [...(revisions.get(event.stream) ?? []), event.revision]);
      for (const [stream, seenRevisions] of revisions) {
        expect(seenRevisions, stream).toEqual(seenRevisions.map((_, index) => index));
      }
      expect(revisions.get('hot')?.length).toBe(
        written.filter((batch) => batch.stream === 'hot').reduce((sum, batch) => sum + batch.ids.length, 0),
      );

      const expected = log.map((event) => event.position);
      const everyone = () => [first.seen, second.seen, [...stopping.seen, ...resumed.seen]];
      const deadline = Date.now() + 10_000;
      while (everyone().some((seen) => seen.length < expected.length) && Date.now() < deadline)
        await wait(10);
      expect(stopping.seen.length).toBeGreaterThan(0);
      expect(stopping.seen.length).toBeLessThan(expected.length);
      for (const seen of everyone()) expect(seen.map((event) => event.position)).toEqual(expected);
      expect([...first.errors, ...second.errors, ...resumed.errors]).toEqual([]);
      await Promise.all([
        first.subscription.close(),
        second.subscription.close(),
        resumed.subscription.close(),
      ]);
    } finally {
      await Promise.all([...subscriberStores, ...writerStores].map((store) => store.close()));
    }
  });
});
