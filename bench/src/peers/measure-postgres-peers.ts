import { dumbo } from '@event-driven-io/dumbo';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { createPostgresEventStore } from '@pinnstatistik/store-postgres';
import pg from 'pg';
import { freshDatabase } from '../fresh-database.js';
import { perSecond } from '../stats.js';
import { now } from '../timer.js';
import { emmettAppender } from './emmett-appender.js';
import { createPeersFold, type PeersFold } from './peers-fold.js';
import { createPeerDraw, emptyCodes, type PeerCodes, type PeerEvent } from './peers-workload.js';
import { portPeer } from './port-peer.js';

/** The PEERS workload on PostgreSQL: Emmett's PostgreSQL event store beside store-postgres. */
export const POSTGRES_PEER_NAMES = ['emmett-postgresql', 'store-postgres'] as const;
export type PostgresPeerName = (typeof POSTGRES_PEER_NAMES)[number];

/** One implementation's figures on the PEERS workload against the local PostgreSQL, in this process. */
export interface PostgresPeerResult {
  readonly name: PostgresPeerName;
  readonly n: number;
  /** One event per call, each its own transaction, with an expected version. */
  readonly appendPerSec: number;
  /** Reading the whole log back and folding it. */
  readonly replayPerSec: number;
  /** The database's growth on disk per event (tables, indexes and their free space, from the schema alone to all N appended). */
  readonly diskBytesPerEvent: number;
  readonly digest: string;
}

interface PostgresPeer {
  append(codes: PeerCodes): Promise<void>;
  replay(fold: PeersFold): Promise<number>;
  close(): Promise<void>;
}

/**
 * Emmett 0.42.0's PostgreSQL event store: `appendToStream` with the expected version; read back
 * in global order with `readMessagesBatch` (its consumers' batch read, 1,000 at a time: its
 * fastest read of the whole log — reading its 1,224 streams one by one was ≈ 12× slower at 2,000
 * events).
 */
async function emmettPostgres(url: string): Promise<PostgresPeer> {
  const store = getPostgreSQLEventStore(url);
  // Its schema now, not in the first append: the empty database's size is taken after it.
  await store.schema.migrate();
  const reader = dumbo({ connectionString: url });
  const { append } = emmettAppender(store);
  return {
    append,
    async replay(fold) {
      let read = 0;
      let after = 0n;
      for (;;) {
        const batch = await readMessagesBatch<PeerEvent>(reader.execute, { after, batchSize: 1000 });
        for (const { data } of batch.messages)
          fold.add(data.interventionId, data.date, data.gender, data.ageBand);
        read += batch.messages.length;
        after = batch.currentGlobalPosition;
        if (!batch.areMessagesLeft || batch.messages.length === 0) return read;
      }
    },
    async close() {
      await reader.close();
      await store.close();
    },
  };
}

/** pinnstatistik's store-postgres, through the port as store-memory is measured (`port-peer.ts`). */
async function storePostgres(url: string): Promise<PostgresPeer> {
  const store = await createPostgresEventStore({ connection: url, listen: false });
  return { ...portPeer(store), close: () => store.close() };
}

async function databaseBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('checkpoint');
    const { rows } = await client.query<{ size: string }>(
      'select pg_database_size(current_database())::text as size',
    );
    return Number(rows[0]?.size ?? 0);
  } finally {
    await client.end();
  }
}

/** Appends N PEERS events one per call into a fresh database through one implementation, then replays and folds the log. */
export async function measurePostgresPeer(
  name: PostgresPeerName,
  n: number,
  adminUrl: string,
): Promise<PostgresPeerResult> {
  const database = await freshDatabase(adminUrl, 'pinnstatistik_bench_peers');
  let peer: PostgresPeer | undefined;
  try {
    peer = await (name === 'emmett-postgresql' ? emmettPostgres : storePostgres)(database.url);
    const emptyBytes = await databaseBytes(database.url);
    const draw = createPeerDraw();
    const codes = emptyCodes();
    const appendStart = now();
    for (let index = 0; index < n; index += 1) {
      draw(codes);
      await peer.append(codes);
    }
    const appendMs = now() - appendStart;
    const diskBytesPerEvent = ((await databaseBytes(database.url)) - emptyBytes) / n;
    const fold = createPeersFold();
    const replayStart = now();
    const read = await peer.replay(fold);
    const replayMs = now() - replayStart;
    if (read !== n) throw new Error(`${name} read ${read} of ${n} events back`);
    return {
      name,
      n,
      appendPerSec: perSecond(n, appendMs),
      replayPerSec: perSecond(n, replayMs),
      diskBytesPerEvent,
      digest: fold.digest(),
    };
  } finally {
    await peer?.close();
    await database.drop();
  }
}
