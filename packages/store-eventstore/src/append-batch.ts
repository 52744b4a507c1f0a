import {
  type AppendError,
  type AppendSuccess,
  isStoreUnavailable,
  requireStreamsNamedOnce,
  StoreUnavailable,
  type StreamAppend,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { mapWithLimit } from './concurrency.js';
import { type PreparedAppend, prepareAppend, sendAppend, type Writer } from './esdb-append.js';
import { readPage, streamHead } from './esdb-reads.js';

/** How a batch retries a part whose append met a connection fault. */
export interface BatchRetryPolicy {
  /** Attempts per part before the batch gives up with `StoreUnavailable` (default 4). */
  readonly attempts?: number;
  /** The first delay before a retry, in milliseconds (default 100); delays double. */
  readonly initialDelayMs?: number;
  /** The longest delay, in milliseconds (default 2000). */
  readonly maxDelayMs?: number;
}

/** How many stream heads the check reads at once. */
const CONCURRENT_CHECKS = 16;

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether the stream already holds exactly these events from `from` on (a retried part). */
async function alreadyThere(writer: Writer, part: PreparedAppend, from: number): Promise<boolean> {
  if (part.proposed.length === 0) return false;
  const page = await readPage(
    writer,
    writer.seam.readStream(part.stream, {
      direction: 'forwards',
      fromRevision: BigInt(from),
      maxCount: part.proposed.length,
    }),
    'checking a batch part',
  );
  return (
    page.length === part.proposed.length &&
    page.every((resolved, index) => resolved.event?.id === part.proposed[index]?.id)
  );
}

/**
 * Whether a part can be written now, by the stream's head: the part's expectation holds, or
 * the part is already stored at its expected place (a re-run), as the server's idempotency
 * would answer. `any` always holds but for a deleted stream.
 */
async function check(writer: Writer, part: PreparedAppend): Promise<AppendError | undefined> {
  const { stream, expected } = part;
  const head = await streamHead(writer, stream);
  if (head.state === 'deleted') {
    writer.deleted.add(stream);
    return { code: 'STREAM_DELETED', stream };
  }
  const current = head.state === 'at' ? Number(head.last.revision) : -1;
  const conflict: AppendError = {
    code: 'WRONG_EXPECTED_REVISION',
    stream,
    expected,
    actual: current < 0 ? 'no-stream' : current,
  };
  if (expected === 'any') return undefined;
  if (expected === 'stream-exists') return current >= 0 ? undefined : conflict;
  const expectedRevision = expected === 'no-stream' ? -1 : expected;
  if (current === expectedRevision) return undefined;
  if (current > expectedRevision && (await alreadyThere(writer, part, expectedRevision + 1)))
    return undefined;
  return conflict;
}

/**
 * `appendBatch` on EventStoreDB / KurrentDB: a resumable, idempotent plan, not a transaction.
 * The v1 protocol both clients speak appends to one stream at a time (KurrentDB 25.1's
 * multi-stream append is not used: its client requires metadata to be a JSON object of
 * strings, and the port's metadata is opaque bytes).
 *
 * 1. Every part is encoded and size-checked locally; the first part over the limit refuses the
 *    batch (`APPEND_TOO_LARGE`) before anything is sent.
 * 2. Every part is checked against its stream's head (reads only): the first part whose stream
 *    is deleted or not at its expected revision — unless it already holds the part's events
 *    there, as after an interrupted run — refuses the batch with that error, nothing written.
 * 3. The parts are appended in order, each with its expected revision and its event ids, so
 *    each is idempotent: a part that meets a connection fault is retried (same ids) with
 *    backoff; a part already stored is answered as written by the server's de-duplication.
 *
 * Guaranteed: without concurrent writers on the batch's streams, a batch is written whole or
 * refused with nothing written; a batch interrupted by a fault or a crash leaves a prefix of
 * its parts, and running the same batch again completes it without writing anything twice.
 * Not guaranteed: isolation (readers and subscriptions can see the prefix while the plan runs,
 * or after a crash until a re-run), and atomicity against a concurrent writer — one that
 * appends to a later part's stream between the check and the write makes that part fail with
 * `WRONG_EXPECTED_REVISION` after the earlier parts are written (a re-run then reports the same
 * conflict). Idempotency of parts expecting `any` is the server's best effort (it is exact only
 * with an expected revision: EventStoreDB docs, "Optimistic concurrency and idempotence").
 */
export async function appendBatchPlan(
  writer: Writer,
  parts: readonly StreamAppend[],
  retry: BatchRetryPolicy = {},
): Promise<E.Either<AppendError, readonly AppendSuccess[]>> {
  const attempts = retry.attempts ?? 4;
  const initialDelayMs = retry.initialDelayMs ?? 100;
  const maxDelayMs = retry.maxDelayMs ?? 2_000;

  requireStreamsNamedOnce(parts);
  const prepared: PreparedAppend[] = [];
  for (const part of parts) {
    const local = prepareAppend(writer, part.stream, part.events, part.expected);
    if (E.isLeft(local)) return local;
    prepared.push(local.right);
  }
  const refusals = await mapWithLimit(prepared, CONCURRENT_CHECKS, (part) => check(writer, part));
  const refusal = refusals.find((error) => error !== undefined);
  if (refusal !== undefined) return E.left(refusal);

  const successes: AppendSuccess[] = [];
  let mayHaveWritten = false;
  for (const part of prepared) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await sendAppend(writer, part);
        if (E.isLeft(result)) return result;
        successes.push(result.right);
        mayHaveWritten = true;
        break;
      } catch (error) {
        if (!isStoreUnavailable(error)) throw error;
        mayHaveWritten ||= error.outcome === 'unknown';
        if (attempt >= attempts) {
          throw new StoreUnavailable(
            `EventStoreDB: a batch stopped after ${successes.length} of ${prepared.length} parts; run it again to complete it`,
            mayHaveWritten ? 'unknown' : 'not-written',
            error,
          );
        }
        await wait(Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1)));
      }
    }
  }
  return E.right(successes);
}
