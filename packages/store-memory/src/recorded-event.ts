import type { RecordedEvent } from '@pinnstatistik/core';
import {
  dataLengthAt,
  idInColumn,
  idLength,
  readRecordId,
  TYPE_AND_LENGTH_BYTES,
  typeOrdinalAt,
} from './event-record.js';
import type { StoreState } from './store-state.js';

const EMPTY = new Uint8Array(0);

/**
 * An event read back: views into the log for its bytes, its id as appended — `columnId` when
 * the caller read it with its neighbours' (see `IdColumn.run`), else spelled from the column
 * or its record. (A lazy id would be cheaper still, but an accessor is lost by `{ ...event }`
 * or slow as an own property.)
 */
export function recorded(state: StoreState, index: number, columnId?: string): RecordedEvent {
  const { log } = state;
  const chunk = log.chunkAt(index);
  const offset = log.offsetAt(index);
  const end = offset + log.lengthAt(index);
  const at = offset + idLength(chunk, offset);
  const start = at + TYPE_AND_LENGTH_BYTES;
  const dataEnd = start + dataLengthAt(chunk, at);
  return {
    stream: state.streamNames[state.streamOrdinalOf.at(index)] as string,
    revision: state.revisionOf.at(index),
    position: String(index + 1),
    id: idInColumn(chunk, offset) ? (columnId ?? state.idColumn.idAt(index)) : readRecordId(chunk, offset),
    type: state.typeNames[typeOrdinalAt(chunk, at)] as string,
    data: chunk.subarray(start, dataEnd),
    metadata: dataEnd === end ? EMPTY : chunk.subarray(dataEnd, end),
  };
}
