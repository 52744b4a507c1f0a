import type { AppendError, AppendSuccess, EventToAppend, ExpectedRevision } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ClientAppendResult, ClientExpected } from './client-seam.js';
import type { DeletedStreams } from './deleted-streams.js';
import { type Reader, streamHead } from './esdb-reads.js';
import { type ProposedEvent, proposedSize, toProposedEvent } from './event-encoding.js';
import { formatPosition } from './positions.js';
import { errorType, withDeadline } from './store-faults.js';

/** What appending needs: the reader (seam, deadline), the size limit, and the deleted names to keep up to date. */
export interface Writer extends Reader {
  readonly maxAppendBytes: number;
  readonly deleted: DeletedStreams;
}

/** The port's expected revision in the clients' words; a malformed one is a programmer error. */
export function clientExpected(expected: ExpectedRevision): ClientExpected {
  if (expected === 'any') return 'any';
  if (expected === 'no-stream') return 'no_stream';
  if (expected === 'stream-exists') return 'stream_exists';
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new TypeError('an expected revision is a non-negative integer');
  }
  return BigInt(expected);
}

function actualRevision(actual: bigint | 'no_stream'): number | 'no-stream' {
  return actual === 'no_stream' || actual < 0n ? 'no-stream' : Number(actual);
}

/** An append checked locally: the events as the client takes them, or why they cannot go. */
export interface PreparedAppend {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly proposed: readonly ProposedEvent[];
  readonly size: number;
}

/** Encodes and checks an append before anything is sent: ids, expected revision and size. */
export function prepareAppend(
  writer: Writer,
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): E.Either<AppendError, PreparedAppend> {
  clientExpected(expected);
  const proposed = events.map(toProposedEvent);
  const size = proposed.reduce((sum, event) => sum + proposedSize(event), 0);
  if (size > writer.maxAppendBytes) {
    return E.left({ code: 'APPEND_TOO_LARGE', stream, size, limit: writer.maxAppendBytes });
  }
  return E.right({ stream, expected, proposed, size });
}

/**
 * Sends one prepared append. Conflicts, a deleted stream and a server-side size refusal come
 * back as data; a lost, refused or stalled connection is thrown as `StoreUnavailable`
 * (`unknown` once the request may have reached the node: a retry with the same ids is safe,
 * the server de-duplicates it).
 */
export async function sendAppend(
  writer: Writer,
  prepared: PreparedAppend,
): Promise<E.Either<AppendError, AppendSuccess>> {
  const { stream, expected, proposed, size } = prepared;
  const { seam, deadlineMs } = writer;
  let result: ClientAppendResult;
  try {
    result = await withDeadline(
      seam.append(stream, proposed, clientExpected(expected), deadlineMs),
      deadlineMs,
      'an append',
      true,
    );
  } catch (error) {
    const actual = seam.actualRevisionOf(error);
    if (actual !== undefined) {
      return E.left({ code: 'WRONG_EXPECTED_REVISION', stream, expected, actual: actualRevision(actual) });
    }
    if (errorType(error) === 'stream-deleted') {
      writer.deleted.add(stream);
      return E.left({ code: 'STREAM_DELETED', stream });
    }
    if (errorType(error) === 'maximum-append-size-exceeded') {
      const limit = (error as { maxAppendSize?: unknown }).maxAppendSize;
      return E.left({
        code: 'APPEND_TOO_LARGE',
        stream,
        size,
        limit: typeof limit === 'number' ? limit : size - 1,
      });
    }
    throw error;
  }
  if (!result.success || proposed.length === 0 || result.position === undefined) {
    // A client with `throwOnAppendFailure: false` reports conflicts as `success: false` with an
    // unreliable revision (wrong on the BatchAppend path); an empty or idempotent append may
    // come without a position. The stream itself says where it stands.
    const head = await streamHead(writer, stream);
    if (head.state === 'deleted') {
      writer.deleted.add(stream);
      return E.left({ code: 'STREAM_DELETED', stream });
    }
    const last = head.state === 'at' ? head.last : undefined;
    const current = last === undefined ? -1 : Number(last.revision);
    if (!result.success) {
      return E.left({
        code: 'WRONG_EXPECTED_REVISION',
        stream,
        expected,
        actual: current < 0 ? 'no-stream' : current,
      });
    }
    const nextRevision = proposed.length === 0 ? current : Number(result.nextExpectedRevision);
    const position = result.position ?? last?.position;
    return E.right({
      nextRevision,
      position: formatPosition(position ?? { commit: 0n, prepare: 0n }),
      written: proposed.length,
    });
  }
  const nextRevision = Number(result.nextExpectedRevision);
  // The server answers a retried (idempotent) append as a success without saying it wrote
  // nothing, so `written` is an upper bound: the events the append's revisions account for.
  const written =
    typeof expected === 'number' ? nextRevision - expected : Math.min(proposed.length, nextRevision + 1);
  return E.right({ nextRevision, position: formatPosition(result.position), written });
}
