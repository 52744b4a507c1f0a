import type { AppendError, AppendSuccess, EventToAppend, ExpectedRevision } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { encodeId, recordSize } from './event-record.js';
import { meetsExpectation, wrongExpectedRevision } from './expected-revision.js';
import { hashOfId } from './id-index.js';
import type { StoreState } from './store-state.js';
import { openStream, storeRecord } from './write-records.js';

/**
 * One event per call, the common case, without the batch path's arrays: the same checks in
 * the same order as `prepareAppend` (deleted stream, idempotent retry, expected revision, size).
 */
export function appendOne(
  state: StoreState,
  stream: string,
  event: EventToAppend,
  expected: ExpectedRevision,
): E.Either<AppendError, AppendSuccess> {
  const entry = state.streams.get(stream);
  if (entry?.deleted === true) return E.left({ code: 'STREAM_DELETED', stream });
  const current = entry === undefined ? -1 : entry.indices.length - 1;
  // The id is encoded into a shared scratch buffer: it is copied into the log before the next append.
  const id = encodeId(event.id, true);
  const hash = hashOfId(entry === undefined ? state.streamNames.length : entry.ordinal, id);
  if (entry !== undefined) {
    const index = state.ids.find(hash, entry.ordinal, id);
    if (index !== -1) return E.right({ nextRevision: current, position: String(index + 1), written: 0 });
  }
  if (!meetsExpectation(expected, current)) return wrongExpectedRevision(stream, expected, current);
  const size = recordSize(event, id);
  const limit = state.maxAppendBytes;
  if (size > limit) return E.left({ code: 'APPEND_TOO_LARGE', stream, size, limit });
  storeRecord(state, entry ?? openStream(state, stream), event, id, hash);
  state.appended.announce(1);
  return E.right({ nextRevision: current + 1, position: String(state.log.length), written: 1 });
}
