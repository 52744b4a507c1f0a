import type { RecordedEvent } from '@pinnstatistik/core';
import { collect, eventStoreContract } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStoreDbClientKind } from '../client-seam.js';
import { connectEventStoreDbStore } from '../connect.js';
import { METADATA_HEADER } from '../event-encoding.js';
import { parsePosition } from '../positions.js';
import { clientFor, combinationsOf, storeOnDouble } from './double-clients.js';
import { startEsdbDouble } from './esdb-double.js';
import { event, eventually, idOf, labelsOf, wait } from './test-events.js';

/**
 * Registers, for one client package, the store contract and the adapter's own behaviour over
 * the gRPC double, on both append paths. One package per test file: see {@link clientFor}.
 */
export function describeOverDouble(client: EventStoreDbClientKind): void {
  for (const combination of combinationsOf(client)) {
    const other = combination.appendPath === 'BatchAppend' ? 'Append' : 'BatchAppend';
    const title = `${client}, ${combination.appendPath} path, over the gRPC double`;

    describe(`EventStoreDB store (${title}): the store contract`, () => {
      for (const contractCase of eventStoreContract()) {
        it(contractCase.name, () =>
          contractCase.run(async () => {
            const { double, store, dispose } = await storeOnDouble(combination);
            return {
              store,
              async dispose() {
                await dispose();
                expect(double.calls.get(other) ?? 0, `an append took the ${other} path`).toBe(0);
              },
            };
          }),
        );
      }
    });

    describe(`EventStoreDB store (${title})`, () => {
      it(`appends through ${combination.appendPath}`, async () => {
        const { double, store, dispose } = await storeOnDouble(combination);
        try {
          expect(E.isRight(await store.append('s-1', [event('a')], { expected: 'no-stream' }))).toBe(true);
          expect(double.calls.get(combination.appendPath)).toBeGreaterThan(0);
          expect(double.calls.get(other) ?? 0).toBe(0);
        } finally {
          await dispose();
        }
      });

      it('maps a refusal by a server configured below the store limit to APPEND_TOO_LARGE, writing nothing', async () => {
        const { double, store, dispose } = await storeOnDouble(combination, { maxAppendSize: 4_000 });
        try {
          const result = await store.append('big-1', bulky(), { expected: 'no-stream' });
          expect(E.isLeft(result) && result.left).toMatchObject({
            code: 'APPEND_TOO_LARGE',
            stream: 'big-1',
            limit: 4_000,
          });
          expect(double.log.stream('big-1')).toBeUndefined();
        } finally {
          await dispose();
        }
      });

      it('refuses an append over its own limit without a round trip', async () => {
        const { double, store, dispose } = await storeOnDouble(combination, {}, { maxAppendBytes: 1_000 });
        try {
          const result = await store.append('big-2', bulky(), { expected: 'any' });
          expect(E.isLeft(result) && result.left).toMatchObject({ code: 'APPEND_TOO_LARGE', limit: 1_000 });
          expect(double.calls.get(combination.appendPath) ?? 0).toBe(0);
        } finally {
          await dispose();
        }
      });

      it('keeps data and metadata as exact bytes, JSON-looking and empty ones included', async () => {
        const { double, store, dispose } = await storeOnDouble(combination);
        try {
          const text = (value: string) => new TextEncoder().encode(value);
          const stored = [
            { id: idOf('json'), type: 'Clear', data: text('{"a":1}'), metadata: text('{}') },
            { id: idOf('empty'), type: 'Encrypted', data: new Uint8Array(), metadata: new Uint8Array() },
            { id: idOf('number'), type: 'Encrypted', data: Uint8Array.of(0, 255, 128), metadata: text('42') },
          ];
          await store.append('bytes-1', stored, { expected: 'no-stream' });
          const onServer = double.log.stream('bytes-1') ?? [];
          expect(onServer.map((record) => record.contentType)).toEqual(
            Array(3).fill('application/octet-stream'),
          );
          expect([...(onServer[0]?.metadata ?? [])]).toEqual([...METADATA_HEADER, ...text('{}')]);
          const shape = (
            events: readonly { id: string; type: string; data: Uint8Array; metadata: Uint8Array }[],
          ) => events.map((one) => [one.id, one.type, [...one.data], [...one.metadata]]);
          expect(shape(await collect(store.readStream('bytes-1')))).toEqual(shape(stored));
          expect(shape((await collect(store.readAll())).filter((one) => one.stream === 'bytes-1'))).toEqual(
            shape(stored),
          );
        } finally {
          await dispose();
        }
      });

      it('refuses ids that are not canonical UUIDs, and malformed expected revisions, as programmer errors', async () => {
        const { double, store, dispose } = await storeOnDouble(combination);
        try {
          const named = { ...event('x'), id: 'command-7/0' };
          await expect(store.append('p-1', [named], { expected: 'any' })).rejects.toThrow(TypeError);
          await expect(store.append('p-1', [event('x')], { expected: -1 })).rejects.toThrow(TypeError);
          await expect(store.append('p-1', [event('x')], { expected: 1.5 })).rejects.toThrow(TypeError);
          await expect(collect(store.readAll({ after: '42' }))).rejects.toThrow(TypeError);
          expect(double.calls.get(combination.appendPath) ?? 0).toBe(0);
        } finally {
          await dispose();
        }
      });

      it('keeps both parts of $all positions: events of one append share the commit, not the prepare', async () => {
        const { double, store, dispose } = await storeOnDouble(combination);
        try {
          await store.append('pos-1', [event('a'), event('b'), event('c')], { expected: 'no-stream' });
          const read = (await collect(store.readAll())).filter((recorded) => recorded.stream === 'pos-1');
          const positions = read.map((recorded) => parsePosition(recorded.position));
          expect(new Set(positions.map((position) => position.commit)).size).toBe(1);
          expect(new Set(positions.map((position) => position.prepare)).size).toBe(3);
          expect(positions).toEqual(
            (double.log.stream('pos-1') ?? []).map((record) => ({
              commit: record.commit,
              prepare: record.prepare,
            })),
          );
        } finally {
          await dispose();
        }
      });

      it('leaves system streams and events out of readAll and subscriptions', async () => {
        const { double, store, dispose } = await storeOnDouble(combination);
        try {
          await store.append('sys-1', [event('a'), event('b')], { expected: 'no-stream' });
          expect(double.log.all().some((record) => record.stream.startsWith('$'))).toBe(true);
          const all = await collect(store.readAll());
          expect(all.map((recorded) => recorded.stream)).toEqual(['sys-1', 'sys-1']);
          const seen: RecordedEvent[] = [];
          const subscription = store.subscribe({}, { onEvent: (recorded) => void seen.push(recorded) });
          await subscription.caughtUp;
          await store.append('sys-2', [event('c')], { expected: 'no-stream' });
          await eventually(() => seen.length === 3, 'three events');
          await wait(20);
          await subscription.close();
          expect(seen.map((recorded) => recorded.stream)).toEqual(['sys-1', 'sys-1', 'sys-2']);
        } finally {
          await dispose();
        }
      });

      it('pages through streams and $all larger than one read batch', async () => {
        const { store, dispose } = await storeOnDouble(combination, {}, { readBatchSize: 4 });
        try {
          await store.append(
            'page-1',
            Array.from({ length: 10 }, (_, index) => event(`e${index}`)),
            {
              expected: 'no-stream',
            },
          );
          const revisions = async (options: Parameters<typeof store.readStream>[1]) =>
            (await collect(store.readStream('page-1', options))).map((recorded) => recorded.revision);
          expect(await revisions({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
          expect(await revisions({ direction: 'backwards' })).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
          expect(await revisions({ fromRevision: 3, limit: 6 })).toEqual([3, 4, 5, 6, 7, 8]);
          const all = await collect(store.readAll());
          expect(all.map((recorded) => recorded.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
          const rest = await collect(store.readAll({ after: (all[4] as RecordedEvent).position, limit: 4 }));
          expect(rest.map((recorded) => recorded.revision)).toEqual([5, 6, 7, 8]);
        } finally {
          await dispose();
        }
      });

      it('reports conflicts with the actual revision even from a client that does not throw on append failure', async () => {
        const double = await startEsdbDouble({
          protos: client,
          serverFeatures: combination.appendPath === 'BatchAppend' ? 'batch-append' : 'unimplemented',
        });
        const { createEventStoreDbStore } = await import('../event-store-db-store.js');
        const store = createEventStoreDbStore({
          client: await clientFor(client, `${double.connectionString()}&throwOnAppendFailure=false`),
          disposeClient: true,
        });
        try {
          await store.append('lenient-1', [event('a'), event('b'), event('c')], { expected: 'no-stream' });
          const result = await store.append('lenient-1', [event('d')], { expected: 0 });
          expect(E.isLeft(result) && result.left).toEqual({
            code: 'WRONG_EXPECTED_REVISION',
            stream: 'lenient-1',
            expected: 0,
            actual: 2,
          });
        } finally {
          await store.close();
          await double.close();
        }
      });

      it('resumes a dropped subscription after the last event, without gaps or repeats', async () => {
        const { double, store, dispose } = await storeOnDouble(
          combination,
          {},
          { subscriptionRetry: { initialDelayMs: 5, maxDelayMs: 20 } },
        );
        try {
          await store.append('drop-1', [event('a'), event('b')], { expected: 'no-stream' });
          const seen: RecordedEvent[] = [];
          const subscription = store.subscribe(
            { filter: { streamPrefixes: ['drop-'] } },
            { onEvent: (recorded) => void seen.push(recorded) },
          );
          await subscription.caughtUp;
          double.dropSubscriptions();
          await store.append('drop-1', [event('c')], { expected: 1 });
          double.dropSubscriptions();
          await store.append('drop-1', [event('d'), event('e')], { expected: 2 });
          await eventually(() => seen.length >= 5, 'all five events');
          await wait(30);
          await subscription.close();
          expect(labelsOf(seen)).toEqual(['a', 'b', 'c', 'd', 'e']);
          expect(double.calls.get('Read')).toBeGreaterThanOrEqual(2);
        } finally {
          await dispose();
        }
      });

      it('catches up through reads, over several pages, on a server too old to send the caught-up signal', async () => {
        const { double, store, dispose } = await storeOnDouble(
          combination,
          { caughtUpSignal: false },
          { readBatchSize: 3 },
        );
        try {
          const stored = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
          await store.append(
            'old-1',
            stored.map((id) => event(id)),
            { expected: 'no-stream' },
          );
          await store.append('other-1', [event('x')], { expected: 'no-stream' });
          const seen: string[] = [];
          const seenAtCaughtUp: number[] = [];
          const subscription = store.subscribe(
            { filter: { streamPrefixes: ['old-'] } },
            {
              onEvent: (recorded) => void seen.push(labelsOf([recorded])[0] as string),
              onCaughtUp: () => void seenAtCaughtUp.push(seen.length),
            },
          );
          await subscription.caughtUp;
          expect(seen).toEqual(stored);
          expect(seenAtCaughtUp).toEqual([stored.length]);
          await store.append('old-1', [event('h')], { expected: 6 });
          await eventually(() => seen.length === 8, 'the live event');
          await wait(20);
          await subscription.close();
          expect(seen).toEqual([...stored, 'h']);
          expect(double.calls.get('Read')).toBeGreaterThanOrEqual(4);
        } finally {
          await dispose();
        }
      });

      it('subscribes to event types alone with a server-side filter', async () => {
        const { store, dispose } = await storeOnDouble(combination);
        try {
          await store.append('types-1', [event('a', 'Opened'), event('b', 'Counted')], {
            expected: 'no-stream',
          });
          await store.append('types-2', [event('c', 'Counted'), event('d', 'Closed')], {
            expected: 'no-stream',
          });
          const seen: string[] = [];
          const subscription = store.subscribe(
            { filter: { eventTypes: ['Counted', 'Closed'] } },
            { onEvent: (recorded) => void seen.push(labelsOf([recorded])[0] as string) },
          );
          await subscription.caughtUp;
          await subscription.close();
          expect(seen).toEqual(['b', 'c', 'd']);
        } finally {
          await dispose();
        }
      });

      it('stops a subscription whose handler throws, reporting the error once', async () => {
        const { store, dispose } = await storeOnDouble(combination);
        try {
          await store.append('fail-1', [event('a'), event('b')], { expected: 'no-stream' });
          const failure = new Error('handler failed');
          const errors: unknown[] = [];
          const seen: string[] = [];
          const subscription = store.subscribe(
            {},
            {
              onEvent: (recorded) => {
                seen.push(labelsOf([recorded])[0] as string);
                throw failure;
              },
              onError: (error) => void errors.push(error),
            },
          );
          await expect(subscription.caughtUp).rejects.toBe(failure);
          await store.append('fail-1', [event('c')], { expected: 1 });
          await wait(30);
          await subscription.close();
          expect(seen).toEqual(['a']);
          expect(errors).toEqual([failure]);
        } finally {
          await dispose();
        }
      });

      it('gives up on a subscription after its retries when the server stays away, and reports it', async () => {
        const { double, store, dispose } = await storeOnDouble(
          combination,
          {},
          { subscriptionRetry: { initialDelayMs: 5, maxDelayMs: 10, maxAttempts: 2 } },
        );
        try {
          const errors: unknown[] = [];
          const subscription = store.subscribe(
            {},
            { onEvent: () => undefined, onError: (error) => errors.push(error) },
          );
          await subscription.caughtUp;
          await double.close();
          double.dropSubscriptions();
          await eventually(() => errors.length === 1, 'the failure reported', 10_000);
          await subscription.close();
        } finally {
          await dispose();
        }
      });
    });
  }

  describe(`EventStoreDB store (${client}): connecting with a connection string`, () => {
    it('loads the client package the scheme names, and closing the store disposes it', async () => {
      const double = await startEsdbDouble({ protos: client });
      try {
        const store = await connectEventStoreDbStore(double.connectionString(client));
        expect(store.clientKind).toBe(client);
        expect(E.isRight(await store.append('conn-1', [event('a')], { expected: 'no-stream' }))).toBe(true);
        expect(labelsOf(await collect(store.readStream('conn-1')))).toEqual(['a']);
        await store.close();
      } finally {
        await double.close();
      }
    });
  });
}

/** Three events of about 1.5 kB each. */
function bulky() {
  return ['x', 'y', 'z'].map((label) => event(label, 'Big', 1_500));
}
