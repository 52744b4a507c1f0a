import type { AppendError, AppendSuccess, EventToAppend, ExpectedRevision } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { encodeId, recordSize } from './event-record.js';
import { meetsExpectation, wrongExpectedRevision } from './expected-revision.js';
import { hashOfId } from './id-hash.js';
import type { StoreState, StreamEntry } from './store-state.js';

/** What an append or a batch part will write, decided before anything is written. */
export interface Prepared {
  readonly stream: string;
  readonly entry: StreamEntry | undefined;
  readonly fresh: readonly { readonly event: EventToAppend; readonly id: Uint8Array }[];
  /** Set when every id was there already: the success to report without writing. */
  readonly retried?: AppendSuccess;
}

/** The revision of an id in a stream, or -1. */
function revisionOfId(state: StoreState, entry: StreamEntry, hash: number, encoded: Uint8Array): number {
  const index = state.ids.find(hash, entry.ordinal, encoded);
  return index === -1 ? -1 : state.revisionOf.at(index);
}

/**
 * Checks an append of any number of events, writing nothing: the deleted stream, the
 * idempotent retry, the expected revision, the size — in that order.
 */
export function prepareAppend(
  state: StoreState,
  stream: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): E.Either<AppendError, Prepared> {
  const entry = state.streams.get(stream);
  if (entry?.deleted === true) return E.left({ code: 'STREAM_DELETED', stream });
  const current = entry === undefined ? -1 : entry.indices.length - 1;
  const encodedIds = events.map((event) => encodeId(event.id));
  // Revisions of the given ids already in the stream (-1: new), for idempotent retries.
  const known =
    entry === undefined
      ? undefined
      : encodedIds.map((id) => revisionOfId(state, entry, hashOfId(entry.ordinal, id), id));
  if (
    entry !== undefined &&
    known !== undefined &&
    events.length > 0 &&
    known.every((revision) => revision >= 0)
  ) {
    const revision = Math.max(...known);
    return E.right({
      stream,
      entry,
      fresh: [],
      retried: { nextRevision: current, position: String(entry.indices.at(revision) + 1), written: 0 },
    });
  }
  if (!meetsExpectation(expected, current)) return wrongExpectedRevision(stream, expected, current);
  const fresh: { event: EventToAppend; id: Uint8Array }[] = [];
  const seen = events.length > 1 ? new Set<string>() : undefined;
  let bytes = 0;
  for (let position = 0; position < events.length; position += 1) {
    const event = events[position] as EventToAppend;
    if ((known?.[position] ?? -1) >= 0) continue;
    if (seen !== undefined) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
    }
    const id = encodedIds[position] as Uint8Array;
    bytes += recordSize(event, id);
    fresh.push({ event, id });
  }
  const limit = state.maxAppendBytes;
  if (bytes > limit) return E.left({ code: 'APPEND_TOO_LARGE', stream, size: bytes, limit });
  return E.right({ stream, entry, fresh });
}
