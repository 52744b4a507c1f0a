import type { ReadStreamOptions, RecordedEvent } from '@pinnstatistik/core';
import type { Database } from './database.js';
import { bothTables, RECORDED_COLUMNS, type RecordedRow, toRecordedEvent } from './recorded-row.js';

const PAGE = 500;
const LAST_REVISION = '9223372036854775807';

/**
 * One stream's events, forwards or backwards, fetched a page at a time. Revisions are written
 * under the stream's row lock, so a stream never shows a gap: no horizon is needed here. A
 * deleted stream has no events left, so it reads as empty.
 */
export async function* readStreamEvents(
  database: Database,
  schema: string,
  stream: string,
  options: ReadStreamOptions = {},
): AsyncIterable<RecordedEvent> {
  const backwards = options.direction === 'backwards';
  const order = `x.revision ${backwards ? 'desc' : 'asc'}`;
  const text = `select ${RECORDED_COLUMNS}
      from ${schema}.streams s
      cross join lateral ${bothTables(
        schema,
        `x.stream_id = s.stream_id and x.revision ${backwards ? '<=' : '>='} $2::bigint`,
        order,
        '$3',
      )} e
     where s.name = $1
     order by e.revision ${backwards ? 'desc' : 'asc'}
     limit $3`;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let from: number | undefined = options.fromRevision;
  while (remaining > 0) {
    const size = Math.min(PAGE, remaining);
    const { rows } = await database.query<RecordedRow>(
      {
        name: `pinnstatistik-read-stream-${backwards ? 'b' : 'f'}-${schema}`,
        text,
        values: [stream, from === undefined ? (backwards ? LAST_REVISION : '0') : String(from), size],
      },
      'a stream read',
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
