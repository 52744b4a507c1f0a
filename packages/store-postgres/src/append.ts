import {
  type AppendError,
  type AppendSuccess,
  type EventToAppend,
  type ExpectedRevision,
  requireStreamsNamedOnce,
  type StreamAppend,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { byteaArray } from './binary-array.js';
import type { Database } from './database.js';
import { isRolledBackWhole } from './faults.js';
import { formatPosition, START_POSITION } from './position.js';

/** What an append needs to know about the store it writes to. */
export interface AppendTarget {
  readonly database: Database;
  /** The quoted schema name. */
  readonly schema: string;
  readonly maxAppendBytes: number;
  /** True for streams whose events go to the shreddable detail table. */
  readonly isDetail: (stream: string) => boolean;
}

interface PartRow {
  readonly r_part: string;
  readonly r_code: AppendError['code'] | null;
  readonly r_actual: string | null;
  readonly r_next_revision: string | null;
  readonly r_transaction_id: string | null;
  readonly r_sequence: string | null;
  readonly r_written: string;
  readonly r_size: string | null;
}

const textEncoder = new TextEncoder();

/** An event's size as the limit counts it: its id, type, data and metadata, in bytes. */
function sizeOf(event: EventToAppend): number {
  return (
    textEncoder.encode(event.id).length +
    textEncoder.encode(event.type).length +
    event.data.byteLength +
    event.metadata.byteLength
  );
}

function expectedText(expected: ExpectedRevision): string {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected)) throw new TypeError(`not a revision: ${expected}`);
    return String(expected);
  }
  return expected;
}

/**
 * The statement's parameters: per part its stream, expectation, table, count and size of
 * events and the ordinal of its last event; per event its part (1-based) and rank within it.
 * A repeated id within one part is sent once (the first wins), as every store treats it.
 */
function parameters(target: AppendTarget, parts: readonly StreamAppend[], independent: boolean): unknown[] {
  const counts: number[] = [];
  const bytes: number[] = [];
  const lasts: number[] = [];
  const eventPart: number[] = [];
  const ranks: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const data: Uint8Array[] = [];
  const metadata: Uint8Array[] = [];
  const sizes: number[] = [];
  requireStreamsNamedOnce(parts);
  parts.forEach((part, index) => {
    const seen = new Set<string>();
    let size = 0;
    for (const event of part.events) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      const eventSize = sizeOf(event);
      size += eventSize;
      eventPart.push(index + 1);
      ranks.push(seen.size);
      ids.push(event.id);
      types.push(event.type);
      data.push(event.data);
      metadata.push(event.metadata);
      sizes.push(eventSize);
    }
    counts.push(seen.size);
    bytes.push(size);
    lasts.push(ids.length);
  });
  return [
    independent,
    parts.map((part) => part.stream),
    parts.map((part) => expectedText(part.expected)),
    parts.map((part) => target.isDetail(part.stream)),
    counts,
    bytes,
    lasts,
    target.maxAppendBytes,
    eventPart,
    ranks,
    ids,
    types,
    byteaArray(data),
    byteaArray(metadata),
    sizes,
  ];
}

function refusal(target: AppendTarget, part: StreamAppend, row: PartRow): AppendError {
  switch (row.r_code) {
    case 'WRONG_EXPECTED_REVISION': {
      const actual = Number(row.r_actual);
      return {
        code: 'WRONG_EXPECTED_REVISION',
        stream: part.stream,
        expected: part.expected,
        actual: actual < 0 ? 'no-stream' : actual,
      };
    }
    case 'APPEND_TOO_LARGE':
      return {
        code: 'APPEND_TOO_LARGE',
        stream: part.stream,
        size: Number(row.r_size),
        limit: target.maxAppendBytes,
      };
    default:
      return { code: 'STREAM_DELETED', stream: part.stream };
  }
}

function success(row: PartRow): AppendSuccess {
  return {
    nextRevision: Number(row.r_next_revision),
    position:
      row.r_transaction_id === null || row.r_sequence === null
        ? START_POSITION
        : formatPosition({ transactionId: row.r_transaction_id, sequence: row.r_sequence }),
    written: Number(row.r_written),
  };
}

/** How often a statement the server rolled back whole (a deadlock, a serialisation failure) is tried again. */
const ATTEMPTS = 3;

/** Runs `append_batch` and returns one outcome per part, in part order. */
async function run(
  target: AppendTarget,
  parts: readonly StreamAppend[],
  independent: boolean,
): Promise<E.Either<AppendError, AppendSuccess>[]> {
  const values = parameters(target, parts, independent);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { rows } = await target.database.query<PartRow>(
        {
          name: `pinnstatistik-append-${target.schema}`,
          text: `select * from ${target.schema}.append_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          values,
        },
        'an append',
      );
      return [...rows]
        .sort((a, b) => Number(a.r_part) - Number(b.r_part))
        .map((row) => {
          const part = parts[Number(row.r_part) - 1] as StreamAppend;
          return row.r_code === null ? E.right(success(row)) : E.left(refusal(target, part, row));
        });
    } catch (error) {
      // A deadlock between two calls is rolled back whole by the server; nothing was written.
      if (attempt < ATTEMPTS && isRolledBackWhole((error as { cause?: unknown }).cause)) continue;
      throw error;
    }
  }
}

/**
 * Appends to one or several streams in one statement (`append_batch`, see its comment): one
 * round trip and one transaction, so all or nothing — the first part that cannot be written
 * is the answer. Conflicts, oversize and tombstones come back as data; a lost or stalled
 * connection is thrown as `StoreUnavailable`.
 */
export async function appendParts(
  target: AppendTarget,
  parts: readonly StreamAppend[],
): Promise<E.Either<AppendError, readonly AppendSuccess[]>> {
  if (parts.length === 0) return E.right([]);
  const outcomes = await run(target, parts, false);
  const refused = outcomes.find(E.isLeft);
  if (refused !== undefined) return refused;
  return E.right(outcomes.map((outcome) => (outcome as E.Right<AppendSuccess>).right));
}

/** A shared statement carries at most this many appends, or this many bytes (then the rest goes in the next). */
const GROUP_APPENDS = 1_000;
const GROUP_BYTES = 4 * 1024 * 1024;

interface Waiting {
  readonly part: StreamAppend;
  resolve(outcome: E.Either<AppendError, AppendSuccess>): void;
  reject(error: unknown): void;
}

/** Appends of one stream each, sharing commits (see {@link createGroupCommit}). */
export type GroupCommit = (
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
) => Promise<E.Either<AppendError, AppendSuccess>>;

/**
 * Group commit for single-stream appends: an append made while another is on its way to the
 * server waits for it, then goes with every other waiting append in one statement and one
 * commit — each decided on its own (a conflict refuses only its own append). Alone, an append
 * goes at once: nothing waits for company. Two appends to one stream never share a statement
 * (the second goes in the next). At most `maxInFlight` statements run at a time, so a burst
 * of many appends becomes a few commits instead of a queue for the pool. A fault fails every
 * append of that statement, each thrown as `StoreUnavailable` (idempotent: retry as is).
 */
export function createGroupCommit(target: AppendTarget, maxInFlight: number): GroupCommit {
  const queue: Waiting[] = [];
  let inFlight = 0;

  const flush = (): void => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const group: Waiting[] = [];
      const streams = new Set<string>();
      let bytes = 0;
      for (let index = 0; index < queue.length && group.length < GROUP_APPENDS && bytes < GROUP_BYTES; ) {
        const waiting = queue[index] as Waiting;
        if (streams.has(waiting.part.stream)) {
          index += 1;
          continue;
        }
        streams.add(waiting.part.stream);
        group.push(waiting);
        bytes += waiting.part.events.reduce((sum, event) => sum + sizeOf(event), 0);
        queue.splice(index, 1);
      }
      inFlight += 1;
      run(
        target,
        group.map((waiting) => waiting.part),
        true,
      )
        .then(
          (outcomes) => {
            group.forEach((waiting, index) => {
              waiting.resolve(outcomes[index] as E.Either<AppendError, AppendSuccess>);
            });
          },
          (error: unknown) => {
            for (const waiting of group) waiting.reject(error);
          },
        )
        .finally(() => {
          inFlight -= 1;
          flush();
        });
    }
  };

  return (stream, events, expected) => {
    expectedText(expected); // a programmer error belongs to its caller alone
    return new Promise((resolve, reject) => {
      queue.push({ part: { stream, events, expected }, resolve, reject });
      flush();
    });
  };
}
