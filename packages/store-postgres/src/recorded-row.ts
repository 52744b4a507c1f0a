import type { RecordedEvent } from '@pinnstatistik/core';
import { formatPosition } from './position.js';

/**
 * The columns every read selects from `e`, a row of either event table (`events` or
 * `detail_events`, read through their union) joined to `s`, its stream.
 */
export const RECORDED_COLUMNS = `
  e.transaction_id::text as transaction_id, e.position::text as sequence, s.name as stream,
  e.revision::text as revision, e.event_id as id, e.type, e.data, e.metadata`;

/** Both event tables as one, for reads: a stream's events are in one of them, the log in both. */
export function bothTables(schema: string, where: string, order: string, limit: string): string {
  const columns =
    'x.transaction_id, x.position, x.stream_id, x.revision, x.event_id, x.type, x.data, x.metadata';
  return `(
      (select ${columns} from ${schema}.events x where ${where} order by ${order} limit ${limit})
      union all
      (select ${columns} from ${schema}.detail_events x where ${where} order by ${order} limit ${limit})
    )`;
}

/** One row of {@link RECORDED_COLUMNS}, as the store's own type parsers read it. */
export interface RecordedRow {
  readonly transaction_id: string;
  readonly sequence: string;
  readonly stream: string;
  readonly revision: string;
  readonly id: string;
  readonly type: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** The event a row holds, as the port returns it: the bytes exactly as appended. */
export function toRecordedEvent(row: RecordedRow): RecordedEvent {
  return {
    stream: row.stream,
    revision: Number(row.revision),
    position: formatPosition({ transactionId: row.transaction_id, sequence: row.sequence }),
    id: row.id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
  };
}
