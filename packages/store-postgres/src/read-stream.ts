import type { ReadStreamOptions, RecordedEvent } from '@pinnstatistik/core';
import type pg from 'pg';
import { RECORDED_COLUMNS, type RecordedRow, toRecordedEvent } from './recorded-row.js';

const PAGE = 500;
const LAST_REVISION = '9223372036854775807';

/**
 * One stream's events, forwards or backwards, fetched a page at a time. Revisions are written
 * under the stream's row lock, so a stream never shows a gap: no horizon is needed here.
 */
export async function* readStreamEvents(
  pool: pg.Pool,
  schema: string,
  stream: string,
  options: ReadStreamOptions = {},
): AsyncIterable<RecordedEvent> {
  const backwards = options.direction === 'backwards';
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let from: number | undefined = options.fromRevision;
  while (remaining > 0) {
    const size = Math.min(PAGE, remaining);
    const { rows } = await pool.query<RecordedRow>(
      `select ${RECORDED_COLUMNS}
         from ${schema}.events e join ${schema}.streams s on s.stream_id = e.stream_id
        where s.name = $1 and e.revision ${backwards ? '<=' : '>='} $2::bigint
        order by e.revision ${backwards ? 'desc' : 'asc'}
        limit $3`,
      [stream, from === undefined ? (backwards ? LAST_REVISION : '0') : String(from), size],
    );
    for (const row of rows) {
      const event = toRecordedEvent(row);
      remaining -= 1;
      from = backwards ? event.revision - 1 : event.revision + 1;
      yield event;
    }
    if (rows.length < size || (backwards && from !== undefined && from < 0)) return;
  }
}
