import { isStoreUnavailable, type RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { clientKindOfConnectionString } from './client-kind.js';
import { connectEventStoreDbStore } from './connect.js';
import { clientFor } from './testing/double-clients.js';
import { startFaultProxy } from './testing/fault-proxy.js';
import { event, events, eventually, labelsOf, wait } from './testing/test-events.js';

// Deletion and connection faults against a real EventStoreDB / KurrentDB node: what the double
// models, checked where only a server can say it. Faults go through the same TCP proxy the
// double uses, put in front of the node (a single node: with gossip discovery the client would
// learn the node's own address and bypass the proxy).
const url = process.env.ESDB_CONNECTION_STRING;
const shown = url?.replace(/\/\/[^@/]*@/, '//***@');
const endpoint =
  url === undefined ? undefined : /^([a-z+]+:\/\/(?:[^@/]*@)?)([^:/?,]+):(\d+)([/?].*)?$/i.exec(url);

if (url === undefined || url === '') {
  console.warn(
    '[store-eventstore] ESDB_CONNECTION_STRING is not set: deletion and faults against a real server are SKIPPED. ' +
      'Start one (packages/store-eventstore/README.md) and set e.g. ESDB_CONNECTION_STRING=esdb://localhost:2113?tls=false',
  );
} else if (endpoint === null) {
  console.warn(
    '[store-eventstore] ESDB_CONNECTION_STRING names several nodes or uses discovery: the fault tests through a proxy are SKIPPED (they need one host:port).',
  );
}

const run = `int-${Date.now().toString(36)}-${process.pid}`;

describe.skipIf(url === undefined || url === '')(
  url
    ? `EventStoreDB store against the real server at ${shown}: deletion`
    : 'EventStoreDB store against a real server: deletion SKIPPED, ESDB_CONNECTION_STRING is not set',
  () => {
    it('a tombstoned stream stays in $all until a scavenge, as documented, and a fresh store never returns it', async () => {
      const writer = await connectEventStoreDbStore(url as string);
      const reader = await connectEventStoreDbStore(url as string);
      const raw = await clientFor(clientKindOfConnectionString(url as string), url as string);
      const doomed = `${run}-doomed`;
      try {
        await writer.append(doomed, events(`${run}-d1`, `${run}-d2`), { expected: 'no-stream' });
        expect(await writer.deleteStreams([doomed])).toEqual({ removed: 2, extent: 'logical' });
        const onServer: string[] = [];
        for await (const resolved of raw.readAll({ maxCount: 1_000_000 }) as AsyncIterable<{
          event?: { streamId: string; type: string };
        }>) {
          if (resolved.event?.streamId === doomed && !resolved.event.type.startsWith('$')) {
            onServer.push(resolved.event.streamId);
          }
        }
        // The active chunk is never scavenged, so the events are still there right after deleting.
        expect(onServer.length).toBe(2);
        expect((await collect(reader.readAll())).filter((recorded) => recorded.stream === doomed)).toEqual(
          [],
        );
        const refused = await reader.append(doomed, events(`${run}-d3`), { expected: 'any' });
        expect(E.isLeft(refused) && refused.left).toEqual({ code: 'STREAM_DELETED', stream: doomed });
      } finally {
        await raw.dispose();
        await reader.close();
        await writer.close();
      }
    });
  },
);

describe.skipIf(url === undefined || url === '' || endpoint === null)(
  url
    ? `EventStoreDB store against the real server at ${shown}: faults through a proxy`
    : 'EventStoreDB store against a real server: faults SKIPPED, ESDB_CONNECTION_STRING is not set',
  () => {
    const [, scheme, host, port, rest] = endpoint ?? [];
    const throughProxy = async (deadlineMs = 2_000) => {
      const proxy = await startFaultProxy(Number(port), host);
      const store = await connectEventStoreDbStore(`${scheme}127.0.0.1:${proxy.port}${rest ?? ''}`, {
        deadlineMs,
        subscriptionRetry: { initialDelayMs: 20, maxDelayMs: 200, maxAttempts: 1_000 },
      });
      return { proxy, store };
    };

    it('with the network stalled, calls fail within the deadline; with the node unreachable, appends are not-written', async () => {
      const { proxy, store } = await throughProxy();
      const stream = `${run}-stall`;
      try {
        await store.append(stream, events(`${run}-s1`), { expected: 'no-stream' });
        proxy.stall();
        const started = performance.now();
        const stalled = await store
          .append(stream, events(`${run}-s2`), { expected: 0 })
          .catch((error: unknown) => error);
        expect(isStoreUnavailable(stalled) && stalled.outcome).toBe('unknown');
        expect(performance.now() - started).toBeLessThan(8_000);
        await expect(collect(store.readStream(stream))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
        proxy.resume();
        await proxy.down();
        const refused = await store
          .append(`${run}-never`, events(`${run}-n1`), { expected: 'no-stream' })
          .catch((error: unknown) => error);
        expect(isStoreUnavailable(refused)).toBe(true);
      } finally {
        await proxy.close();
        await store.close();
      }
    });

    it('a subscription rides out dropped and reset connections without gaps or repeats', async () => {
      const { proxy, store } = await throughProxy();
      const stream = `${run}-ride`;
      const seen: RecordedEvent[] = [];
      const subscription = store.subscribe(
        { filter: { streamPrefixes: [stream] } },
        { onEvent: (recorded) => void seen.push(recorded) },
      );
      try {
        await subscription.caughtUp;
        const written: string[] = [];
        for (let round = 0; round < 6; round += 1) {
          const label = `${run}-r${round}`;
          for (let attempt = 1; ; attempt += 1) {
            try {
              const result = await store.append(stream, [event(label)], { expected: 'any' });
              if (E.isRight(result)) break;
            } catch (error) {
              if (!isStoreUnavailable(error) || attempt >= 20) throw error;
              await wait(50 * attempt);
            }
          }
          written.push(label);
          if (round % 2 === 0) proxy.drop();
          else proxy.reset();
        }
        await eventually(() => seen.length >= written.length, 'every event delivered', 30_000);
        await wait(200);
        expect(labelsOf(seen)).toEqual(written);
      } finally {
        await subscription.close();
        await proxy.close();
        await store.close();
      }
    });
  },
);
