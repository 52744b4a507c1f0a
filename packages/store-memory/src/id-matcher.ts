import type { ByteLog } from './byte-log.js';
import { hasRecordId, inColumn } from './event-record.js';
import type { GrowableInts } from './growable.js';
import type { IdColumn } from './id-column.js';

/** Whether the event at a log index is this encoded id in this stream: its stream, its record's id part and its id column slot. */
export function idMatcher(
  log: ByteLog,
  streamOrdinalOf: GrowableInts,
  idColumn: IdColumn,
): (index: number, stream: number, id: Uint8Array) => boolean {
  return (index, stream, id) =>
    streamOrdinalOf.at(index) === stream &&
    hasRecordId(log.chunkAt(index), log.offsetAt(index), log.lengthAt(index), id) &&
    (!inColumn(id) || idColumn.holds(index, id, 1));
}
