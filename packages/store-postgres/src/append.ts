import type { AppendError, AppendSuccess, EventToAppend, ExpectedRevision } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import type pg from 'pg';
import { formatPosition, START_POSITION } from './position.js';

/** What an append needs to know about the store it writes to. */
export interface AppendTarget {
  readonly pool: pg.Pool;
  /** The quoted schema name. */
  readonly schema: string;
  readonly channel: string;
  readonly maxAppendBytes: number;
}

interface Encoded {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly bytes: number;
}

type AppendResult = E.Either<AppendError, AppendSuccess>;

const UNIQUE_VIOLATION = '23505';
const ATTEMPTS = 3;

function encode(events: readonly EventToAppend[]): Encoded[] {
  const seen = new Set<string>();
  const encoded: Encoded[] = [];
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    const data = JSON.stringify(event.data);
    const metadata = JSON.stringify(event.metadata);
    // The size of the event encoded as one JSON array [type, id, data, metadata].
    const bytes =
      Buffer.byteLength(JSON.stringify(event.type)) +
      Buffer.byteLength(JSON.stringify(event.id)) +
      Buffer.byteLength(data) +
      Buffer.byteLength(metadata) +
      5;
    encoded.push({ id: event.id, type: event.type, data, metadata, bytes });
  }
  return encoded;
}

function meets(expected: ExpectedRevision, current: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return current === -1;
  if (expected === 'stream-exists') return current >= 0;
  return expected === current;
}

async function lastPosition(client: pg.ClientBase, target: AppendTarget, streamId: string, revision: number) {
  if (revision < 0) return START_POSITION;
  const { rows } = await client.query<{ transaction_id: string; sequence: string }>(
    `select transaction_id::text as transaction_id, position::text as sequence
       from ${target.schema}.events where stream_id = $1 and revision = $2`,
    [streamId, revision],
  );
  const row = rows[0];
  return row === undefined
    ? START_POSITION
    : formatPosition({ transactionId: row.transaction_id, sequence: row.sequence });
}

async function lockStream(client: pg.ClientBase, target: AppendTarget, stream: string) {
  const { rows } = await client.query<{ stream_id: string; revision: string }>(
    `select stream_id::text as stream_id, revision::text as revision
       from ${target.schema}.streams where name = $1 for update`,
    [stream],
  );
  const row = rows[0];
  return row === undefined ? undefined : { streamId: row.stream_id, current: Number(row.revision) };
}

/**
 * Creates the stream row, or finds that a concurrent transaction just did (its insert waits
 * for that one to commit), then locks it. The row lock serialises every append to a stream.
 */
async function createOrLockStream(client: pg.ClientBase, target: AppendTarget, stream: string) {
  const { rows } = await client.query<{ stream_id: string }>(
    `insert into ${target.schema}.streams (name, revision) values ($1, -1)
       on conflict (name) do nothing returning stream_id::text as stream_id`,
    [stream],
  );
  const created = rows[0];
  if (created !== undefined) return { streamId: created.stream_id, current: -1, created: true };
  const locked = await lockStream(client, target, stream);
  if (locked === undefined) throw new Error(`stream ${JSON.stringify(stream)} vanished while appending`);
  return { ...locked, created: false };
}

async function appendInTransaction(
  client: pg.ClientBase,
  target: AppendTarget,
  stream: string,
  events: readonly Encoded[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const locked = await lockStream(client, target, stream);
  const current = locked?.current ?? -1;
  let present = new Set<string>();
  if (locked !== undefined && events.length > 0) {
    const { rows } = await client.query<{ event_id: string }>(
      `select event_id from ${target.schema}.events where stream_id = $1 and event_id = any($2::text[])`,
      [locked.streamId, events.map((event) => event.id)],
    );
    present = new Set(rows.map((row) => row.event_id));
  }
  // A retry of an append that already happened succeeds, even though the stream has moved on.
  if (locked !== undefined && events.length > 0 && present.size === events.length) {
    const position = await lastPosition(client, target, locked.streamId, current);
    return E.right({ nextRevision: current, position, written: 0 });
  }
  if (!meets(expected, current)) {
    return E.left({
      code: 'WRONG_EXPECTED_REVISION',
      stream,
      expected,
      actual: current === -1 ? 'no-stream' : current,
    });
  }
  const fresh = events.filter((event) => !present.has(event.id));
  const size = fresh.reduce((sum, event) => sum + event.bytes, 0);
  if (size > target.maxAppendBytes) {
    return E.left({ code: 'APPEND_TOO_LARGE', stream, size, limit: target.maxAppendBytes });
  }
  if (fresh.length === 0) {
    const position =
      locked === undefined ? START_POSITION : await lastPosition(client, target, locked.streamId, current);
    return E.right({ nextRevision: current, position, written: 0 });
  }
  const owner = locked ?? (await createOrLockStream(client, target, stream));
  if (locked === undefined && !('created' in owner && owner.created)) {
    // Another writer created the stream between our look and our insert: decide again, now
    // under its lock (the expectation, or the ids, may no longer hold).
    return appendInTransaction(client, target, stream, events, expected);
  }
  const { rows } = await client.query<{ transaction_id: string; sequence: string }>(
    `with written as (
       insert into ${target.schema}.events (stream_id, revision, event_id, type, data, metadata)
       select $1::bigint, $2::bigint + t.ord, t.id, t.type, t.data::json, t.metadata::json
         from unnest($3::text[], $4::text[], $5::text[], $6::text[]) with ordinality as t(id, type, data, metadata, ord)
        order by t.ord
       returning transaction_id, position, revision
     ), bumped as (
       update ${target.schema}.streams set revision = $2::bigint + $7::bigint where stream_id = $1::bigint
     ), announced as (
       select pg_notify($8, '')
     )
     select w.transaction_id::text as transaction_id, w.position::text as sequence
       from written w, announced
      order by w.revision desc limit 1`,
    [
      owner.streamId,
      current,
      fresh.map((event) => event.id),
      fresh.map((event) => event.type),
      fresh.map((event) => event.data),
      fresh.map((event) => event.metadata),
      fresh.length,
      target.channel,
    ],
  );
  const last = rows[0];
  if (last === undefined) throw new Error('append wrote no rows');
  return E.right({
    nextRevision: current + fresh.length,
    position: formatPosition({ transactionId: last.transaction_id, sequence: last.sequence }),
    written: fresh.length,
  });
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION
  );
}

/**
 * Appends in one read-committed transaction holding the stream's row lock: the ids are
 * checked first (a retry succeeds without writing), then the expectation, then the size.
 * A unique violation can only mean a writer that bypassed the lock won a race; the append is
 * then decided again, so it comes back as a conflict (data), never as an exception.
 */
export async function appendEvents(
  target: AppendTarget,
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const encoded = encode(events);
  for (let attempt = 1; ; attempt += 1) {
    const client = await target.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('begin isolation level read committed');
      const result = await appendInTransaction(client, target, stream, encoded, expected);
      await client.query(E.isRight(result) && result.right.written > 0 ? 'commit' : 'rollback');
      return result;
    } catch (error) {
      try {
        await client.query('rollback');
      } catch (rollbackError) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      if (!isUniqueViolation(error) || attempt >= ATTEMPTS) throw error;
    } finally {
      client.release(broken);
    }
  }
}
