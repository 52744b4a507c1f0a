import type { ByteLog } from './byte-log.js';
import { hasRecordId, idInColumn, inColumn } from './event-record.js';
import type { GrowableInts } from './growable.js';
import type { IdColumn } from './id-column.js';
import type { IdMatchers } from './id-index.js';

/**
 * Whether the event at a log index is this id in this stream: its stream, its record's id part
 * and its id column slot — against an encoded id, or against the id written in another slot.
 */
export function idMatchers(log: ByteLog, streamOrdinalOf: GrowableInts, idColumn: IdColumn): IdMatchers {
  return {
    matches: (index, stream, id) =>
      streamOrdinalOf.at(index) === stream &&
      hasRecordId(log.chunkAt(index), log.offsetAt(index), log.lengthAt(index), id) &&
      (!inColumn(id) || idColumn.holds(index, id, 1)),
    matchesSlot: (index, stream, slot) =>
      streamOrdinalOf.at(index) === stream &&
      idInColumn(log.chunkAt(index), log.offsetAt(index)) &&
      idColumn.same(index, slot),
  };
}
