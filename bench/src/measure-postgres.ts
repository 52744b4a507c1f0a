import { type EventStore, periodStream } from '@pinnstatistik/core';
import { replay, statisticsProjection } from '@pinnstatistik/projections';
import { createPostgresEventStore } from '@pinnstatistik/store-postgres';
import { cipherNamed } from './ciphers.js';
import { foldDigest, foldOfSheets } from './fold-digest.js';
import { freshDatabase } from './fresh-database.js';
import { openService, recordWorkload } from './measure-pipeline.js';
import { replayStreams } from './sealed-replay.js';
import { perSecond } from './stats.js';
import { now, timed } from './timer.js';
import { createWorkload, PERIODS } from './workload.js';

/** PostgreSQL beside store-memory: the same encrypted, chained events appended and replayed. */
export interface PostgresResult {
  readonly n: number;
  /** Events appended one per call (one transaction each), as the command path hands them over. */
  readonly events: number;
  readonly appendPerSec: number;
  /** Replay + statistics projection of the open year, read back from PostgreSQL. */
  readonly replayPerSec: number;
  readonly replayMs: number;
  /** The same replay from store-memory, for the ratio. */
  readonly memoryReplayPerSec: number;
  readonly digest: string;
  readonly memoryDigest: string;
}

/** Records N commands in memory, appends the stored events to a fresh PostgreSQL one per call, replays both. */
export async function measurePostgres(n: number, adminUrl: string): Promise<PostgresResult> {
  const workload = createWorkload(n);
  const cipher = cipherNamed('aes');
  const { store: memory, keys, service } = await openService(workload, cipher);
  await recordWorkload(service, workload, new Float64Array(n));
  const projection = () => statisticsProjection({ keys, ciphers: [cipher] });
  const memoryReplay = await timed(() => replay(memory, projection()));

  const database = await freshDatabase(adminUrl);
  let store: (EventStore & { close(): Promise<void> }) | undefined;
  try {
    store = await createPostgresEventStore({ connection: database.url, listen: false });
    let events = 0;
    const start = now();
    for await (const event of memory.readAll()) {
      const result = await store.append(
        event.stream,
        [{ id: event.id, type: event.type, data: event.data, metadata: event.metadata }],
        { expected: event.revision === 0 ? 'no-stream' : event.revision - 1 },
      );
      if (result._tag === 'Left') throw new Error(`PostgreSQL refused an append: ${result.left.code}`);
      events += 1;
    }
    const appendMs = now() - start;
    const pgStore = store;
    const pgReplay = await timed(() => replay(pgStore, projection()));
    // Sanity: the period streams read back too.
    await replayStreams(pgStore, projection(), PERIODS.map(periodStream));
    return {
      n,
      events,
      appendPerSec: perSecond(events, appendMs),
      replayPerSec: perSecond(pgReplay.result.events, pgReplay.ms),
      replayMs: pgReplay.ms,
      memoryReplayPerSec: perSecond(memoryReplay.result.events, memoryReplay.ms),
      digest: foldDigest(foldOfSheets(pgReplay.result.state.sheets())),
      memoryDigest: foldDigest(foldOfSheets(memoryReplay.result.state.sheets())),
    };
  } finally {
    await store?.close();
    await database.drop();
  }
}
