// A child process for the fault-injection suite: it works against PostgreSQL while its parent
// breaks its connections (pg_terminate_backend) or kills it (SIGKILL). It reports on stdout,
// one JSON line per message. A crash — an uncaught 'error' event, an unhandled rejection —
// ends it with a non-zero exit code, which is what the parent checks.
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { type EventToAppend, isStoreUnavailable, type RecordedEvent } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import {
  createPostgresCheckpointStore,
  createPostgresEventStore,
  createPostgresKeyStore,
} from '../src/index.js';
import { sleepMetadata } from './slow-commit.js';

const [mode, url] = process.argv.slice(2) as [string, string];
const say = (message: object): void => void process.stdout.write(`${JSON.stringify(message)}\n`);
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const stopped = new Promise<void>((resolve) => {
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'stop') resolve();
  });
});

/** Retries a call that failed with StoreUnavailable, as is (idempotent), until it succeeds. */
async function untilDone<T>(call: () => Promise<T>, faults: { count: number }): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isStoreUnavailable(error) || attempt > 200) throw error;
      faults.count += 1;
      await wait(Math.min(500, 10 * attempt));
    }
  }
}

const detail = (id: string, size = 200): EventToAppend => ({
  id,
  type: 'Encrypted',
  data: randomBytes(size),
  metadata: new TextEncoder().encode(id),
});

/** The weak version: a client taken from the pool without an error listener, its backend killed mid-query. */
async function weakClient(): Promise<void> {
  const pool = new pg.Pool({ connectionString: url });
  const client = await pool.connect();
  client.query('select pg_sleep(30)').catch(() => undefined);
  say({ ready: true });
  await wait(10_000);
  say({ survived: true });
}

/** The store's version of the same: an append whose transaction is held open, its backend killed. */
async function storeClient(): Promise<void> {
  const store = await createPostgresEventStore({ connection: url, listen: false });
  const appending = store.append('held', [{ ...detail('held-1'), metadata: sleepMetadata(30_000) }], {
    expected: 'any',
  });
  say({ ready: true });
  const outcome = await appending.then(
    () => ({ thrown: false }),
    (error: unknown) => ({
      thrown: true,
      code: (error as { code?: unknown }).code,
      outcome: (error as { outcome?: unknown }).outcome,
    }),
  );
  say({ outcome });
  await wait(1_000); // long enough for any late 'error' event to surface
  await store.close();
  say({ survived: true });
}

/**
 * Appends, a live subscription, checkpoint saves and an idle pool, all at once, until told to
 * stop; then checks that the log, the subscription and the checkpoint agree with what it wrote.
 */
async function workload(): Promise<void> {
  const faults = { count: 0, reported: 0 };
  const onFault = (): void => {
    faults.reported += 1;
  };
  const timeouts = { connectTimeoutMs: 2_000, statementTimeoutMs: 2_000, queryTimeoutMs: 3_000 };
  const store = await createPostgresEventStore({
    connection: url,
    pollIntervalMs: 100,
    onFault,
    ...timeouts,
  });
  const checkpoints = await createPostgresCheckpointStore({ connection: url, onFault, ...timeouts });
  const idlePool = new pg.Pool({ connectionString: url, max: 4 });
  const keys = await createPostgresKeyStore({ connection: idlePool, onFault, ...timeouts });
  const key = await keys.create('idle-key');
  await Promise.all(Array.from({ length: 4 }, () => idlePool.query('select 1'))); // idle clients to lose

  const seen: RecordedEvent[] = [];
  const subscriptionErrors: string[] = [];
  const subscription = store.subscribe(
    { filter: { streamPrefixes: ['chaos-'] } },
    {
      onEvent: (event) => void seen.push(event),
      onError: (error) => void subscriptionErrors.push(String(error)),
    },
  );
  await subscription.caughtUp;

  const written = new Map<string, string[]>();
  const revisions = new Map<string, number>();
  let saving = true;
  let lastSaved: { position: string; state: { seen: number } } | undefined;
  const saver = (async () => {
    while (saving) {
      const position = seen.at(-1)?.position;
      if (position !== undefined) {
        const checkpoint = { position, state: { seen: seen.length } };
        await untilDone(() => checkpoints.save('chaos', checkpoint), faults);
        lastSaved = checkpoint;
      }
      await wait(40);
    }
  })();

  say({ ready: true });
  let running = true;
  void stopped.then(() => {
    running = false;
  });
  for (let n = 0; running; n += 1) {
    const stream = `chaos-${n % 5}`;
    const event = detail(`e${n}`);
    const expected = revisions.get(stream) ?? 'no-stream';
    const result = await untilDone(() => store.append(stream, [event], { expected }), faults);
    if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
    revisions.set(stream, result.right.nextRevision);
    written.set(stream, [...(written.get(stream) ?? []), event.id]);
    if (n % 20 === 0) await untilDone(() => idlePool.query('select 1'), faults).catch(() => undefined);
  }

  const total = [...written.values()].reduce((sum, ids) => sum + ids.length, 0);
  const deadline = Date.now() + 20_000;
  while (seen.length < total && Date.now() < deadline) await wait(50);
  saving = false;
  await saver;

  const log: RecordedEvent[] = [];
  await untilDone(async () => {
    log.length = 0;
    for await (const event of store.readAll()) if (event.stream.startsWith('chaos-')) log.push(event);
  }, faults);
  const perStream = (events: readonly RecordedEvent[]) => {
    const map = new Map<string, string[]>();
    for (const event of events) map.set(event.stream, [...(map.get(event.stream) ?? []), event.id]);
    return JSON.stringify([...map].sort());
  };
  const expected = JSON.stringify([...written].sort());
  const loaded = await untilDone(() => checkpoints.load('chaos'), faults);
  const keyAgain = await untilDone(() => keys.get('idle-key'), faults);
  say({
    result: {
      written: total,
      logMatches: perStream(log) === expected,
      subscriptionMatches:
        perStream(seen) === expected &&
        JSON.stringify(seen.map((event) => event.position)) ===
          JSON.stringify(log.map((event) => event.position)),
      subscriptionErrors,
      checkpointMatches: JSON.stringify(loaded) === JSON.stringify(lastSaved),
      keyMatches: keyAgain !== undefined && Buffer.from(keyAgain).equals(Buffer.from(key)),
      retried: faults.count,
      reported: faults.reported,
    },
  });
  await subscription.close();
  await Promise.all([store.close(), checkpoints.close(), keys.close()]);
  await idlePool.end();
}

/** Atomic batches, written again from the first each time it starts (idempotent), until all are in. */
async function batches(): Promise<void> {
  const count = Number(process.argv[4] ?? '60');
  const store = await createPostgresEventStore({ connection: url, listen: false });
  say({ ready: true });
  for (let batch = 0; batch < count; batch += 1) {
    const result = await store.appendBatch(
      ['kill-a', 'kill-b', 'tally-2025-01-kill'].map((stream) => ({
        stream,
        events: Array.from({ length: 4 }, (_, k) => detail(`b${batch}-${stream}-${k}`, 2_000)),
        expected: 'any' as const,
      })),
    );
    if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
    say({ batch });
  }
  await store.close();
  say({ done: true });
}

const modes: Record<string, () => Promise<void>> = {
  'weak-client': weakClient,
  'store-client': storeClient,
  workload,
  batches,
};
const run = modes[mode];
if (run === undefined) throw new Error(`unknown mode ${mode}`);
await run();
process.exit(0);
