import type { EventToAppend } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { comparePositions } from './position.js';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.js';

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.drop());

const event = (id: string): EventToAppend => ({
  id,
  type: 'T',
  data: new TextEncoder().encode(`data of ${id}`),
  metadata: new TextEncoder().encode(`metadata of ${id}`),
});

async function withStore<T>(schema: string, body: (store: PostgresEventStore) => Promise<T>): Promise<T> {
  const store = await createPostgresEventStore({ connection: database.url, schema, appendConcurrency: 1 });
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

describe('appends sharing a commit (group commit)', () => {
  it('decides each append on its own: a conflict refuses only its own, the others are written', async () => {
    await withStore('grouped', async (store) => {
      const streams = Array.from({ length: 20 }, (_, n) => `tally-2025-01-s${n}`);
      for (const stream of streams)
        await store.append(stream, [event(`${stream}-0`)], { expected: 'no-stream' });
      // With one statement in flight, the 19 appends made while the first is on its way share the next.
      const outcomes = await Promise.all(
        streams.map((stream, n) =>
          store.append(stream, [event(`${stream}-1`)], { expected: n % 2 === 0 ? 0 : 5 }),
        ),
      );
      outcomes.forEach((outcome, n) => {
        if (n % 2 === 0)
          expect(outcome).toEqual(E.right(expect.objectContaining({ nextRevision: 1, written: 1 })));
        else
          expect(outcome).toEqual(
            E.left({ code: 'WRONG_EXPECTED_REVISION', stream: streams[n], expected: 5, actual: 0 }),
          );
      });
      for (const [n, stream] of streams.entries())
        expect((await collect(store.readStream(stream))).map((recorded) => recorded.id)).toEqual(
          n % 2 === 0 ? [`${stream}-0`, `${stream}-1`] : [`${stream}-0`],
        );
    });
  });

  it('never puts two appends to one stream in one statement: both are decided in order', async () => {
    await withStore('same_stream', async (store) => {
      await store.append('period-2025-01', [event('seed')], { expected: 'no-stream' });
      const [first, second, third] = await Promise.all([
        store.append('period-2025-02', [event('other')], { expected: 'no-stream' }),
        store.append('period-2025-01', [event('a')], { expected: 0 }),
        store.append('period-2025-01', [event('b')], { expected: 0 }),
      ]);
      expect(E.isRight(first)).toBe(true);
      expect(second).toEqual(E.right(expect.objectContaining({ nextRevision: 1, written: 1 })));
      expect(third).toEqual(
        E.left({ code: 'WRONG_EXPECTED_REVISION', stream: 'period-2025-01', expected: 0, actual: 1 }),
      );
    });
  });
});

describe('appends that are partly retries', () => {
  it('write only the ids the stream lacks, a repeated id once, at the next revisions', async () => {
    await withStore('partial', async (store) => {
      await store.append('series-1', [event('a'), event('b')], { expected: 'no-stream' });
      const again = await store.append('series-1', [event('a'), event('c'), event('c'), event('d')], {
        expected: 'any',
      });
      expect(again).toEqual(E.right(expect.objectContaining({ nextRevision: 3, written: 2 })));
      const read = await collect(store.readStream('series-1'));
      expect(read.map((recorded) => [recorded.id, recorded.revision])).toEqual([
        ['a', 0],
        ['b', 1],
        ['c', 2],
        ['d', 3],
      ]);
      expect(again).toEqual(E.right(expect.objectContaining({ position: read[3]?.position })));
    });
  });

  it('in an atomic batch across both tables, keep the batch order in the log', async () => {
    await withStore('mixed', async (store) => {
      await store.append('tally-2025-01-x', [event('x')], { expected: 'no-stream' });
      const batch = await store.appendBatch([
        { stream: 'tally-2025-01-x', events: [event('x'), event('y')], expected: 0 },
        { stream: 'period-2025-01', events: [event('p'), event('q')], expected: 'no-stream' },
        { stream: 'series-2', events: [event('s')], expected: 'no-stream' },
      ]);
      if (E.isLeft(batch)) throw new Error(batch.left.code);
      expect(batch.right.map((success) => [success.nextRevision, success.written])).toEqual([
        [1, 1],
        [1, 2],
        [0, 1],
      ]);
      const log = await collect(store.readAll());
      expect(log.map((recorded) => recorded.id)).toEqual(['x', 'y', 'p', 'q', 's']);
      expect(batch.right.map((success) => success.position)).toEqual(
        ['y', 'q', 's'].map((id) => log.find((recorded) => recorded.id === id)?.position),
      );
      for (let at = 1; at < log.length; at += 1)
        expect(comparePositions(log[at - 1]?.position as string, log[at]?.position as string)).toBe(-1);
    });
  });
});

describe('writers taking turns on a hot stream (exclusive)', () => {
  it('never conflict: each reads the revision and appends with it, across pools', async () => {
    const stores = await Promise.all(
      Array.from({ length: 4 }, () =>
        createPostgresEventStore({ connection: database.url, schema: 'turns' }),
      ),
    );
    try {
      const outcomes = await Promise.all(
        stores.flatMap((store, writer) =>
          Array.from({ length: 10 }, (_, n) =>
            store.exclusive('period-hot', async () => {
              const [last] = await collect(
                store.readStream('period-hot', { direction: 'backwards', limit: 1 }),
              );
              return store.append('period-hot', [event(`w${writer}-${n}`)], {
                expected: last === undefined ? 'no-stream' : last.revision,
              });
            }),
          ),
        ),
      );
      expect(outcomes.filter(E.isLeft)).toEqual([]);
      const read = await collect((stores[0] as PostgresEventStore).readStream('period-hot'));
      expect(read.map((recorded) => recorded.revision)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
