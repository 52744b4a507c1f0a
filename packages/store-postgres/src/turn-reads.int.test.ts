import type { EventToAppend, RecordedEvent } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.js';

// A writer's turn on a stream reads what other processes appended since it last saw the
// stream in the same round trip as the lock. What it reads must be exactly what a read from
// the server would return — never stale — and the round trip saved must be real.

let database: FreshDatabase;
let queries = 0;
let pool: pg.Pool;
let mine: PostgresEventStore;
let other: PostgresEventStore;
beforeAll(async () => {
  database = await freshDatabase();
  pool = new pg.Pool({ connectionString: database.url });
  // Every statement this store sends, counted where it leaves the process.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      queries += 1;
      return query(...args);
    };
  });
  mine = await createPostgresEventStore({ connection: pool, listen: false });
  other = await createPostgresEventStore({ connection: database.url, listen: false });
});
afterAll(async () => {
  await Promise.all([mine?.close(), other?.close()]);
  await pool?.end();
  await database?.drop();
});

const events = (count: number, tag: string): EventToAppend[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `${tag}-${index}`,
    type: 'Tallied',
    data: new TextEncoder().encode(`${tag}-${index}`),
    metadata: new Uint8Array(0),
  }));

async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of iterable) all.push(event);
  return all;
}

const shape = (list: readonly RecordedEvent[]) =>
  list.map((event) => [event.revision, event.id, event.position]);

describe('the read a turn makes with its lock (real PostgreSQL)', () => {
  it("answers the turn's first read with what another process appended, one round trip fewer", async () => {
    expect(E.isRight(await mine.append('hot', events(2, 'mine'), { expected: 'no-stream' }))).toBe(true);
    expect(E.isRight(await other.append('hot', events(3, 'other'), { expected: 1 }))).toBe(true);
    queries = 0;
    const inTurn = await mine.exclusive('hot', () => collect(mine.readStream('hot', { fromRevision: 2 })));
    const statementsInTurn = queries;
    expect(shape(inTurn)).toEqual(shape(await collect(other.readStream('hot', { fromRevision: 2 }))));
    expect(inTurn.map((event) => event.id)).toEqual(['other-0', 'other-1', 'other-2']);
    // The lock with the read, and the unlock (which may still be on its way): no read of its own.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statementsInTurn).toBeLessThanOrEqual(2);
  });

  it('after an append in the turn, a read goes to the server and sees it', async () => {
    const read = await mine.exclusive('hot', async () => {
      const before = await collect(mine.readStream('hot', { fromRevision: 5 }));
      expect(before).toEqual([]);
      expect(E.isRight(await mine.append('hot', events(1, 'turn'), { expected: 4 }))).toBe(true);
      return collect(mine.readStream('hot', { fromRevision: 5 }));
    });
    expect(read.map((event) => event.id)).toEqual(['turn-0']);
  });

  it("a read from an earlier revision, backwards or with a limit is the server's, not the turn's", async () => {
    expect(E.isRight(await other.append('hot', events(2, 'later'), { expected: 5 }))).toBe(true);
    const [all, backwards, limited] = await mine.exclusive('hot', async () => [
      await collect(mine.readStream('hot')),
      await collect(mine.readStream('hot', { direction: 'backwards', limit: 2 })),
      await collect(mine.readStream('hot', { fromRevision: 6, limit: 1 })),
    ]);
    expect(shape(all)).toEqual(shape(await collect(other.readStream('hot'))));
    expect(backwards.map((event) => event.id)).toEqual(['later-1', 'later-0']);
    expect(limited.map((event) => event.id)).toEqual(['later-0']);
  });

  it('more than a page appended meanwhile is read in full', async () => {
    expect(E.isRight(await other.append('hot', events(700, 'bulk'), { expected: 7 }))).toBe(true);
    const read = await mine.exclusive('hot', () => collect(mine.readStream('hot', { fromRevision: 8 })));
    expect(read).toHaveLength(700);
    expect(read.at(-1)?.id).toBe('bulk-699');
  });
});
