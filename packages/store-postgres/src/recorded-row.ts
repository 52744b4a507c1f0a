import type { JsonObject, JsonValue, RecordedEvent } from '@pinnstatistik/core';
import { formatPosition } from './position.js';

/** The columns every read selects, `e` being the events table and `s` the streams table. */
export const RECORDED_COLUMNS = `
  e.transaction_id::text as transaction_id, e.position::text as sequence, s.name as stream,
  e.revision::text as revision, e.event_id as id, e.type, e.data::text as data, e.metadata::text as metadata`;

/** One row of {@link RECORDED_COLUMNS}. Data is read as text and parsed here, whatever type parsers the pool has. */
export interface RecordedRow {
  readonly transaction_id: string;
  readonly sequence: string;
  readonly stream: string;
  readonly revision: string;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** The event a row holds, as the port returns it. */
export function toRecordedEvent(row: RecordedRow): RecordedEvent {
  return {
    stream: row.stream,
    revision: Number(row.revision),
    position: formatPosition({ transactionId: row.transaction_id, sequence: row.sequence }),
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as JsonValue,
    metadata: JSON.parse(row.metadata) as JsonObject,
  };
}
