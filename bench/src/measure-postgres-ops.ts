import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import { type EventToAppend, isStoreUnavailable } from '@pinnstatistik/core';
import {
  createPostgresEventStore,
  DEFAULT_TIMEOUTS,
  type PostgresEventStore,
} from '@pinnstatistik/store-postgres';
import pg from 'pg';
import { freshDatabase } from './fresh-database.js';
import { type HotSheetResult, measureHotSheet } from './measure-hot-sheet.js';
import { perSecond } from './stats.js';
import { now } from './timer.js';

/** PostgreSQL under operations: bulk and concurrent writes, a hot stream, a stalled network. */
export interface PostgresOpsResult {
  /** Events in the bulk run, and per `appendBatch` call. */
  readonly bulkEvents: number;
  readonly bulkBatch: number;
  /** Atomic `appendBatch` (the import path), events/s. */
  readonly bulkPerSec: number;
  /** The same rows by a plain multi-row INSERT … SELECT FROM unnest into a bare table with the same indexes. */
  readonly rawBulkPerSec: number;
  /** 16 appends in flight on distinct streams (one event each, exact expected revisions), appends/s. */
  readonly inFlightPerSec: number;
  /** The same with one plain INSERT per transaction over 16 connections, transactions/s. */
  readonly rawInFlightPerSec: number;
  /** One writer on a hot stream (read the revision, append with it; conflicts retried with jittered backoff), commands/s. */
  readonly hotOnePerSec: number;
  /** Eight writers on separate pools, the same loop, commands/s. */
  readonly hotEightPerSec: number;
  /** Conflicts met and retried by the eight writers, per command written. */
  readonly hotEightRetriesPerCommand: number;
  /** Commands whose conflicts outlasted the retries (what a caller would see), in % of attempts. */
  readonly hotEightConflictsReturnedPct: number;
  /** Eight writers taking turns with the store's `exclusive` (an advisory lock per stream), commands/s. */
  readonly hotEightTurnsPerSec: number;
  readonly hotEightTurnsConflictsReturnedPct: number;
  /** The command path on one hot sheet (see {@link measureHotSheet}): 1 writer × 1 and 8 × 1 with and without turns, 8 × 2 and 8 × 4 with turns (median of three interleaved rounds). */
  readonly hotSheet: readonly HotSheetResult[];
  /** A call on a stalled connection: ms until it threw StoreUnavailable, with the default timeouts. */
  readonly stalledFailsAfterMs: number;
  readonly stalledOutcome: string;
  readonly defaultQueryTimeoutMs: number;
  /** Load average at the start (1 min), so the figures can be read against the machine's state. */
  readonly loadAverage: number;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A detail event as the core stores one: padded ciphertext and a clear header. */
const detail = (): EventToAppend => ({
  id: randomUUID(),
  type: 'Encrypted',
  data: randomBytes(320),
  metadata: randomBytes(34),
});

async function bulk(url: string, events: number, batch: number): Promise<{ store: number; raw: number }> {
  const store = await createPostgresEventStore({ connection: url, listen: false });
  const streamsPerBatch = 50;
  const batches = Array.from({ length: events / batch }, (_, b) =>
    Array.from({ length: streamsPerBatch }, (_, s) => ({
      stream: `tally-2025-01-bulk${b}-${s}`,
      events: Array.from({ length: batch / streamsPerBatch }, detail),
      expected: 'no-stream' as const,
    })),
  );
  let started = now();
  for (const parts of batches) {
    const result = await store.appendBatch(parts);
    if (result._tag === 'Left') throw new Error(`bulk append refused: ${result.left.code}`);
  }
  const storeMs = now() - started;
  await store.close();

  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await pool.query(`create table raw_bulk (
    position bigserial primary key, transaction_id xid8 not null default pg_current_xact_id(),
    stream_id bigint not null, revision bigint not null, event_id text not null, type text not null,
    data bytea not null, metadata bytea not null,
    unique (stream_id, revision), unique (stream_id, event_id))`);
  await pool.query('create index on raw_bulk (transaction_id, position)');
  started = now();
  for (const [b, parts] of batches.entries()) {
    const rows = parts.flatMap((part, s) =>
      part.events.map((event, r) => ({ stream: b * streamsPerBatch + s, r, event })),
    );
    await pool.query(
      `insert into raw_bulk (stream_id, revision, event_id, type, data, metadata)
       select * from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bytea[], $6::bytea[])`,
      [
        rows.map((row) => row.stream),
        rows.map((row) => row.r),
        rows.map((row) => row.event.id),
        rows.map((row) => row.event.type),
        rows.map((row) => row.event.data),
        rows.map((row) => row.event.metadata),
      ],
    );
  }
  const rawMs = now() - started;
  await pool.end();
  return { store: perSecond(events, storeMs), raw: perSecond(events, rawMs) };
}

async function inFlight(url: string, count: number, width: number): Promise<{ store: number; raw: number }> {
  const store = await createPostgresEventStore({ connection: url, listen: false });
  let next = 0;
  let started = now();
  await Promise.all(
    Array.from({ length: width }, async (_, writer) => {
      let revision = -1;
      while (next < count) {
        next += 1;
        const result = await store.append(`tally-2025-02-w${writer}`, [detail()], {
          expected: revision < 0 ? 'no-stream' : revision,
        });
        if (result._tag === 'Left') throw new Error(`append refused: ${result.left.code}`);
        revision = result.right.nextRevision;
      }
    }),
  );
  const storeRate = perSecond(count, now() - started);
  await store.close();

  const pool = new pg.Pool({ connectionString: url, max: width });
  await pool.query(`create table raw_single (
    position bigserial primary key, stream_id bigint not null, revision bigint not null,
    event_id text not null, data bytea not null, metadata bytea not null,
    unique (stream_id, revision), unique (stream_id, event_id))`);
  next = 0;
  started = now();
  await Promise.all(
    Array.from({ length: width }, async (_, writer) => {
      for (let revision = 0; next < count; revision += 1) {
        next += 1;
        const event = detail();
        await pool.query(
          'insert into raw_single (stream_id, revision, event_id, data, metadata) values ($1, $2, $3, $4, $5)',
          [writer, revision, event.id, event.data, event.metadata],
        );
      }
    }),
  );
  const rawRate = perSecond(count, now() - started);
  await pool.end();
  return { store: storeRate, raw: rawRate };
}

/**
 * Writers on one stream, as the command path writes a sheet: read the stream's last revision,
 * append with it; on a conflict wait a jittered, growing while (5 ms doubling to 100 ms) and
 * read again, up to 10 times. Each writer has a pool of its own, as separate processes would.
 */
async function hotStream(
  url: string,
  writers: number,
  durationMs: number,
  turns = false,
): Promise<{ perSec: number; retriesPerCommand: number; returnedPct: number }> {
  const stores: PostgresEventStore[] = await Promise.all(
    Array.from({ length: writers }, () => createPostgresEventStore({ connection: url, listen: false })),
  );
  const stream = `period-hot-${writers}-${turns}`;
  let written = 0;
  let retries = 0;
  let returned = 0;
  let attempts = 0;
  const until = now() + durationMs;
  const started = now();
  await Promise.all(
    stores.map(async (store) => {
      while (now() < until) {
        attempts += 1;
        const event = detail();
        let done = false;
        for (let attempt = 1; attempt <= 10 && !done; attempt += 1) {
          const command = async () => {
            let last = -1;
            for await (const recorded of store.readStream(stream, { direction: 'backwards', limit: 1 }))
              last = recorded.revision;
            return store.append(stream, [event], { expected: last < 0 ? 'no-stream' : last });
          };
          const result = await (turns ? store.exclusive(stream, command) : command());
          if (result._tag === 'Right') {
            done = true;
            written += 1;
          } else if (result.left.code === 'WRONG_EXPECTED_REVISION') {
            retries += 1;
            await wait(Math.random() * Math.min(100, 5 * 2 ** (attempt - 1)));
          } else throw new Error(`append refused: ${result.left.code}`);
        }
        if (!done) returned += 1;
      }
    }),
  );
  const perSec = perSecond(written, now() - started);
  await Promise.all(stores.map((store) => store.close()));
  return {
    perSec,
    retriesPerCommand: retries / Math.max(1, written),
    returnedPct: (100 * returned) / Math.max(1, attempts),
  };
}

/** A proxy that forwards until told to stall, then holds every connection silent. */
async function stallingProxy(target: URL): Promise<{ url: string; stall(): void; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let stalled = false;
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: target.hostname, port: Number(target.port || 5432) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('data', (chunk) => void (stalled || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (stalled || client.write(chunk)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(target);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as net.AddressInfo).port);
  return {
    url: proxied.toString(),
    stall: () => {
      stalled = true;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function stalled(url: string): Promise<{ ms: number; outcome: string }> {
  const proxy = await stallingProxy(new URL(url));
  const store = await createPostgresEventStore({ connection: proxy.url, listen: false });
  try {
    await store.append('period-stall', [detail()], { expected: 'any' });
    proxy.stall();
    const started = now();
    const error = await store.append('period-stall', [detail()], { expected: 'any' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    const ms = now() - started;
    return { ms, outcome: isStoreUnavailable(error) ? `StoreUnavailable (${error.outcome})` : String(error) };
  } finally {
    await proxy.close();
    await store.close();
  }
}

/** Every PostgreSQL operations figure, on a database of its own. */
export async function measurePostgresOps(adminUrl: string, bulkEvents: number): Promise<PostgresOpsResult> {
  const { loadavg } = await import('node:os');
  const loadAverage = loadavg()[0] ?? 0;
  const database = await freshDatabase(adminUrl, 'pinnstatistik_bench_ops');
  try {
    const batch = 2_000;
    const events = Math.max(batch, Math.round(bulkEvents / batch) * batch);
    const bulkRates = await bulk(database.url, events, batch);
    const inFlightRates = await inFlight(database.url, 4_000, 16);
    const one = await hotStream(database.url, 1, 5_000);
    const eight = await hotStream(database.url, 8, 5_000);
    const eightTurns = await hotStream(database.url, 8, 5_000, true);
    // The shapes take turns, three rounds, and each reports its median round: the machine's
    // drift over a minute then weighs on every shape alike.
    const shapes = [
      [1, 1, false],
      [1, 1, true],
      [8, 1, false],
      [8, 1, true],
      [8, 2, true],
      [8, 4, true],
    ] as const;
    const rounds: HotSheetResult[][] = shapes.map(() => []);
    for (let round = 0; round < 3; round += 1)
      for (const [index, [writers, inFlight, turns]] of shapes.entries()) {
        const schema = `hot_${writers}_${inFlight}_${turns ? 'turns' : 'free'}_${round}`;
        rounds[index]?.push(
          await measureHotSheet(database.url, { writers, inFlight, turns, durationMs: 3_000, schema }),
        );
      }
    const hotSheet = rounds.map(
      (runs) => [...runs].sort((a, b) => a.perSec - b.perSec)[Math.floor(runs.length / 2)] as HotSheetResult,
    );
    const stall = await stalled(database.url);
    return {
      bulkEvents: events,
      bulkBatch: batch,
      bulkPerSec: bulkRates.store,
      rawBulkPerSec: bulkRates.raw,
      inFlightPerSec: inFlightRates.store,
      rawInFlightPerSec: inFlightRates.raw,
      hotOnePerSec: one.perSec,
      hotEightPerSec: eight.perSec,
      hotEightRetriesPerCommand: eight.retriesPerCommand,
      hotEightConflictsReturnedPct: eight.returnedPct,
      hotEightTurnsPerSec: eightTurns.perSec,
      hotEightTurnsConflictsReturnedPct: eightTurns.returnedPct,
      hotSheet,
      stalledFailsAfterMs: stall.ms,
      stalledOutcome: stall.outcome,
      defaultQueryTimeoutMs: DEFAULT_TIMEOUTS.queryTimeoutMs,
      loadAverage,
    };
  } finally {
    await database.drop();
  }
}
