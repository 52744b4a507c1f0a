import { InMemoryEventStorageAdapter } from '@castore/event-storage-adapter-in-memory';
import { getInMemoryEventStore } from '@event-driven-io/emmett';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { emmettAppender } from './emmett-appender.js';
import type { PeersFold } from './peers-fold.js';
import { type PeerCodes, type PeerEvent, peerEvent, STREAMS } from './peers-workload.js';
import { portPeer } from './port-peer.js';

/** The implementations run side by side on the PEERS workload. */
export const PEER_NAMES = ['raw', 'emmett', 'castore', 'store-memory'] as const;
export type PeerName = (typeof PEER_NAMES)[number];

/** One implementation of the store-level workload: append one event per call, then fold the whole log. */
export interface PeerImplementation {
  append(codes: PeerCodes): Promise<void>;
  /** Reads every event back and folds it; returns how many were read. */
  replay(fold: PeersFold): Promise<number>;
}

/** Plain arrays and a Map: the in-process limit. */
function raw(): PeerImplementation {
  const log: PeerEvent[] = [];
  const byStream = new Map<string, number[]>();
  return {
    async append(codes) {
      const stream = STREAMS[codes.stream] as string;
      let indices = byStream.get(stream);
      if (indices === undefined) {
        indices = [];
        byStream.set(stream, indices);
      }
      indices.push(log.length);
      log.push(peerEvent(codes));
    },
    async replay(fold) {
      for (const { data } of log) fold.add(data.interventionId, data.date, data.gender, data.ageBand);
      return log.length;
    },
  };
}

/** Emmett's in-memory event store, with an expected version per append; read back stream by stream (it has no read of the whole log). */
function emmett(): PeerImplementation {
  const store = getInMemoryEventStore();
  const { versions, append } = emmettAppender(store);
  return {
    append,
    async replay(fold) {
      let read = 0;
      for (const stream of versions.keys()) {
        const { events } = await store.readStream<PeerEvent>(stream);
        for (const { data } of events) fold.add(data.interventionId, data.date, data.gender, data.ageBand);
        read += events.length;
      }
      return read;
    },
  };
}

/** Castore's in-memory adapter: `pushEvent` with the next version; read back aggregate by aggregate. */
function castore(): PeerImplementation {
  const adapter = new InMemoryEventStorageAdapter();
  const context = { eventStoreId: 'tallies' };
  const versions = new Int32Array(STREAMS.length);
  return {
    async append(codes) {
      const version = (versions[codes.stream] as number) + 1;
      const event = peerEvent(codes);
      await adapter.pushEvent(
        { aggregateId: STREAMS[codes.stream] as string, version, type: event.type, payload: event.data },
        context,
      );
      versions[codes.stream] = version;
    },
    async replay(fold) {
      let read = 0;
      let pageToken: string | undefined;
      do {
        const page = await adapter.listAggregateIds(context, pageToken === undefined ? {} : { pageToken });
        for (const { aggregateId } of page.aggregateIds) {
          const { events } = await adapter.getEvents(aggregateId, context);
          for (const { payload } of events) {
            const data = payload as PeerEvent['data'];
            fold.add(data.interventionId, data.date, data.gender, data.ageBand);
          }
          read += events.length;
        }
        pageToken = page.nextPageToken;
      } while (pageToken !== undefined);
      return read;
    },
  };
}

/** pinnstatistik's store-memory, through the port as every store is measured (`port-peer.ts`). */
const storeMemory = (): PeerImplementation => portPeer(createMemoryEventStore());

/** A fresh implementation by name. */
export function createPeer(name: PeerName): PeerImplementation {
  switch (name) {
    case 'raw':
      return raw();
    case 'emmett':
      return emmett();
    case 'castore':
      return castore();
    case 'store-memory':
      return storeMemory();
  }
}
