import type { AppendError, AppendSuccess, EventToAppend, ExpectedRevision } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { writeColumnIdHashed } from './column-id.js';
import { COLUMN_MARK, recordSize } from './event-record.js';
import { meetsExpectation, wrongExpectedRevision } from './expected-revision.js';
import { prepareAppend } from './prepare-append.js';
import type { StoreState } from './store-state.js';
import { openStream, storeRecord, writePrepared } from './write-records.js';

/**
 * One event per call, the common case, without the batch path's arrays: the same checks in
 * the same order as `prepareAppend` (deleted stream, idempotent retry, expected revision, size).
 * A UUID id is written once, straight into the id column's slot of the next log index, and
 * hashed on the way; the slot is zeroed again if the append is refused or retried.
 */
export function appendOne(
  state: StoreState,
  stream: string,
  event: EventToAppend,
  expected: ExpectedRevision,
): E.Either<AppendError, AppendSuccess> {
  const entry = state.streams.get(stream);
  if (entry?.deleted === true) return E.left({ code: 'STREAM_DELETED', stream });
  const next = state.log.length;
  const ordinal = entry === undefined ? state.streamNames.length : entry.ordinal;
  const hash = writeColumnIdHashed(state.idColumn, next, event.id, ordinal);
  if (hash === -1) return appendOther(state, stream, event, expected);
  const current = entry === undefined ? -1 : entry.indices.length - 1;
  if (entry !== undefined) {
    const index = state.ids.findInSlot(hash, ordinal, next);
    if (index !== -1) {
      state.idColumn.wipe(next);
      return E.right({ nextRevision: current, position: String(index + 1), written: 0 });
    }
  }
  if (!meetsExpectation(expected, current)) {
    state.idColumn.wipe(next);
    return wrongExpectedRevision(stream, expected, current);
  }
  const size = recordSize(event, COLUMN_MARK);
  const limit = state.maxAppendBytes;
  if (size > limit) {
    state.idColumn.wipe(next);
    return E.left({ code: 'APPEND_TOO_LARGE', stream, size, limit });
  }
  storeRecord(state, entry ?? openStream(state, stream), event, COLUMN_MARK, hash);
  state.appended.announce(1);
  return E.right({ nextRevision: current + 1, position: String(next + 1), written: 1 });
}

/** An event whose id is not a UUID: the batch path, with one event. */
function appendOther(
  state: StoreState,
  stream: string,
  event: EventToAppend,
  expected: ExpectedRevision,
): E.Either<AppendError, AppendSuccess> {
  const prepared = prepareAppend(state, stream, [event], expected);
  if (E.isLeft(prepared)) return prepared;
  const success = writePrepared(state, prepared.right);
  state.appended.announce(success.written);
  return E.right(success);
}
