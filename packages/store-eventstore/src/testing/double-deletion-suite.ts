import type { RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStoreDbClientKind } from '../client-seam.js';
import { createEventStoreDbStore } from '../event-store-db-store.js';
import { clientFor, combinationsOf, storeOnDouble } from './double-clients.js';
import { event, events, labelsOf } from './test-events.js';

/** The streams of `$all` as the server itself answers a raw client (no adapter filtering). */
async function rawAllStreams(client: Awaited<ReturnType<typeof clientFor>>): Promise<string[]> {
  const streams: string[] = [];
  for await (const resolved of client.readAll({ maxCount: 10_000 }) as AsyncIterable<{
    event?: { streamId: string; type: string };
  }>) {
    if (resolved.event !== undefined && !resolved.event.type.startsWith('$'))
      streams.push(resolved.event.streamId);
  }
  return streams;
}

/**
 * Registers, for one client package, the adapter's deletion and batch behaviour over the gRPC
 * double on both append paths: tombstones, `$all` still holding deleted events until a
 * scavenge (as the server documents) while the store never returns them, and `appendBatch`
 * as a resumable, idempotent plan.
 */
export function describeDeletionOverDouble(client: EventStoreDbClientKind): void {
  for (const combination of combinationsOf(client)) {
    const title = `${client}, ${combination.appendPath} path, over the gRPC double`;

    describe(`EventStoreDB store (${title}): deletion`, () => {
      it('tombstones: $all keeps the deleted events until a scavenge, and neither this store nor a fresh one returns them', async () => {
        const { double, store, dispose } = await storeOnDouble(combination);
        const raw = await clientFor(client, double.connectionString());
        const other = createEventStoreDbStore({
          client: await clientFor(client, double.connectionString()),
          disposeClient: true,
        });
        try {
          await store.append('doomed-1', events('d1', 'd2', 'd3'), { expected: 'no-stream' });
          await store.append('kept-1', events('k1'), { expected: 'no-stream' });
          expect(await store.deleteStreams(['doomed-1'])).toEqual({ removed: 3, extent: 'logical' });
          expect(double.calls.get('Tombstone')).toBe(1);
          expect(double.calls.get('Delete') ?? 0).toBe(0);

          // The server (here the double) still hands the deleted events out through $all …
          expect(await rawAllStreams(raw)).toEqual(['doomed-1', 'doomed-1', 'doomed-1', 'kept-1']);
          // … and the store hides them: its own deletion, and a store that only sees the server.
          for (const reader of [store, other]) {
            expect(labelsOf(await collect(reader.readAll()))).toEqual(['k1']);
            expect(await collect(reader.readStream('doomed-1'))).toEqual([]);
            const seen: RecordedEvent[] = [];
            const subscription = reader.subscribe({}, { onEvent: (recorded) => void seen.push(recorded) });
            await subscription.caughtUp;
            await subscription.close();
            expect(labelsOf(seen)).toEqual(['k1']);
          }

          // A scavenge removes them from $all for good; the tombstone stays and keeps the name closed.
          expect(double.log.scavenge()).toBe(3);
          expect(await rawAllStreams(raw)).toEqual(['kept-1']);
          const revived = await other.append('doomed-1', events('again'), { expected: 'any' });
          expect(E.isLeft(revived) && revived.left).toEqual({ code: 'STREAM_DELETED', stream: 'doomed-1' });
        } finally {
          await raw.dispose();
          await other.close();
          await dispose();
        }
      });

      it('refuses a stale writer, a retry of events already stored and a name never written, all as STREAM_DELETED data', async () => {
        const { store, dispose } = await storeOnDouble(combination);
        try {
          const stored = events('s1', 's2');
          await store.append('stale-1', stored, { expected: 'no-stream' });
          expect((await store.deleteStreams(['stale-1', 'never-1'])).removed).toBe(2);
          for (const [stream, batch, expected] of [
            ['stale-1', stored, 'no-stream'],
            ['stale-1', events('s3'), 1],
            ['never-1', events('n1'), 'no-stream'],
            ['never-1', events('n2'), 'any'],
          ] as const) {
            const result = await store.append(stream, batch, { expected });
            expect(E.isLeft(result) && result.left).toEqual({ code: 'STREAM_DELETED', stream });
          }
          const batchResult = await store.appendBatch([
            { stream: 'fresh-1', events: events('f1'), expected: 'no-stream' },
            { stream: 'stale-1', events: events('s4'), expected: 'any' },
          ]);
          expect(E.isLeft(batchResult) && batchResult.left).toEqual({
            code: 'STREAM_DELETED',
            stream: 'stale-1',
          });
          expect(await collect(store.readStream('fresh-1'))).toEqual([]);
        } finally {
          await dispose();
        }
      });

      it('hides a stream it deletes at once, even from a read of $all already under way', async () => {
        const { store, dispose } = await storeOnDouble(combination, {}, { readBatchSize: 2 });
        try {
          await store.append('mid-1', events('m1', 'm2', 'm3', 'm4'), { expected: 'no-stream' });
          await store.append('mid-2', events('o1'), { expected: 'no-stream' });
          const seen: string[] = [];
          for await (const recorded of store.readAll()) {
            seen.push(...labelsOf([recorded]));
            if (seen.length === 1) await store.deleteStreams(['mid-1']);
          }
          expect(seen).toEqual(['m1', 'o1']);
        } finally {
          await dispose();
        }
      });

      it('models a soft delete as the server does: the stream reads as absent and an append re-opens it (so the store tombstones)', async () => {
        const { double, dispose } = await storeOnDouble(combination);
        const raw = await clientFor(client, double.connectionString());
        try {
          const binary = (label: string) => ({
            ...event(label),
            contentType: 'application/octet-stream' as const,
          });
          await raw.appendToStream('soft-1', [binary('a'), binary('b')] as never);
          await raw.deleteStream('soft-1');
          await expect(collect(raw.readStream('soft-1') as AsyncIterable<unknown>)).rejects.toMatchObject({
            type: 'stream-not-found',
          });
          await raw.appendToStream('soft-1', [binary('c')] as never);
          const after = (
            await collect(raw.readStream('soft-1') as AsyncIterable<{ event: { revision: bigint } }>)
          ).map((resolved) => resolved.event.revision);
          expect(after).toEqual([2n]);
        } finally {
          await raw.dispose();
          await dispose();
        }
      });
    });

    describe(`EventStoreDB store (${title}): appendBatch as a resumable plan`, () => {
      it('retries a part whose connection was lost to completion, storing every event once', async () => {
        const { double, store, dispose } = await storeOnDouble(
          combination,
          {},
          { batchRetry: { initialDelayMs: 5 } },
        );
        try {
          double.faults.next(combination.appendPath, 'drop', {
            matching: (call) => call.stream === 'plan-b',
          });
          const result = await store.appendBatch([
            { stream: 'plan-a', events: events('a1', 'a2'), expected: 'no-stream' },
            { stream: 'plan-b', events: events('b1'), expected: 'no-stream' },
            { stream: 'plan-c', events: events('c1'), expected: 'no-stream' },
          ]);
          expect(E.isRight(result)).toBe(true);
          expect(double.faults.struck).toBe(1);
          for (const [stream, labels] of [
            ['plan-a', ['a1', 'a2']],
            ['plan-b', ['b1']],
            ['plan-c', ['c1']],
          ] as const) {
            expect(labelsOf(await collect(store.readStream(stream)))).toEqual(labels);
          }
        } finally {
          await dispose();
        }
      });

      it('leaves a prefix when it gives up, and the same batch run again completes it without writing twice', async () => {
        const { double, store, dispose } = await storeOnDouble(
          combination,
          {},
          { batchRetry: { attempts: 2, initialDelayMs: 5 } },
        );
        try {
          const parts = [
            { stream: 'resume-a', events: events('a1'), expected: 'no-stream' as const },
            { stream: 'resume-b', events: events('b1', 'b2'), expected: 'no-stream' as const },
            { stream: 'resume-c', events: events('c1'), expected: 'no-stream' as const },
          ];
          double.faults.next(combination.appendPath, 'reset', {
            times: 2,
            matching: (call) => call.stream === 'resume-b',
          });
          await expect(store.appendBatch(parts)).rejects.toMatchObject({
            code: 'STORE_UNAVAILABLE',
            outcome: 'unknown',
          });
          expect(labelsOf(await collect(store.readStream('resume-b')))).toEqual(['b1', 'b2']);
          expect(await collect(store.readStream('resume-c'))).toEqual([]);
          const again = await store.appendBatch(parts);
          expect(E.isRight(again)).toBe(true);
          for (const [stream, labels] of [
            ['resume-a', ['a1']],
            ['resume-b', ['b1', 'b2']],
            ['resume-c', ['c1']],
          ] as const) {
            expect(labelsOf(await collect(store.readStream(stream)))).toEqual(labels);
          }
          expect(
            (await collect(store.readAll())).filter((recorded) => recorded.stream.startsWith('resume-'))
              .length,
          ).toBe(4);
        } finally {
          await dispose();
        }
      });
    });
  }
}
