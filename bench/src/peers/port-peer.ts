import { type EventStore, readAllInPages } from '@pinnstatistik/core';
import { foldPacked, packCodes, packedEventId } from './packed-codes.js';
import type { PeersFold } from './peers-fold.js';
import { type PeerCodes, STREAMS } from './peers-workload.js';

const EMPTY = new Uint8Array(0);

/**
 * The PEERS workload through pinnstatistik's `EventStore` port (store-memory, store-postgres):
 * each event as the library stores a plain event — 11 packed bytes with a UUID id — appended
 * one per call with its expected revision, and read back with `readAllInPages` in global order.
 */
export function portPeer(store: EventStore): {
  append(codes: PeerCodes): Promise<void>;
  replay(fold: PeersFold): Promise<number>;
} {
  const revisions = new Int32Array(STREAMS.length).fill(-1);
  let index = 0;
  return {
    async append(codes) {
      const revision = revisions[codes.stream] as number;
      index += 1;
      const result = await store.append(
        STREAMS[codes.stream] as string,
        [{ id: packedEventId(index), type: 'ContactTallied', data: packCodes(codes), metadata: EMPTY }],
        { expected: revision < 0 ? 'no-stream' : revision },
      );
      if (result._tag === 'Left') throw new Error(`append refused: ${result.left.code}`);
      revisions[codes.stream] = revision + 1;
    },
    async replay(fold) {
      let read = 0;
      for await (const page of readAllInPages(store))
        for (const { data } of page) {
          foldPacked(data, fold);
          read += 1;
        }
      return read;
    },
  };
}
