import { type PeerCodes, type PeerEvent, peerEvent, STREAMS } from './peers-workload.js';

/** What the PEERS workload asks of an Emmett event store (in memory or on PostgreSQL). */
interface EmmettAppend {
  appendToStream(
    stream: string,
    events: PeerEvent[],
    options: { expectedStreamVersion: bigint | 'STREAM_DOES_NOT_EXIST' },
  ): Promise<{ nextExpectedStreamVersion: bigint }>;
}

/**
 * Appends to an Emmett event store as the workload asks: one event a call, with the stream's
 * expected version (`versions`: each stream's version so far, in the order first written).
 */
export function emmettAppender(store: EmmettAppend): {
  readonly versions: ReadonlyMap<string, bigint>;
  append(codes: PeerCodes): Promise<void>;
} {
  const versions = new Map<string, bigint>();
  return {
    versions,
    async append(codes) {
      const stream = STREAMS[codes.stream] as string;
      const result = await store.appendToStream(stream, [peerEvent(codes)], {
        expectedStreamVersion: versions.get(stream) ?? 'STREAM_DOES_NOT_EXIST',
      });
      versions.set(stream, result.nextExpectedStreamVersion);
    },
  };
}
