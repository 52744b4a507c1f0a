import type { ReadAllOptions, RecordedEvent } from '@pinnstatistik/core';
import type { Database } from './database.js';
import { type LogPosition, parsePosition } from './position.js';
import { bothTables, RECORDED_COLUMNS, type RecordedRow, toRecordedEvent } from './recorded-row.js';

/** What a read of the whole log needs to know about the store. */
export interface LogSource {
  readonly database: Database;
  /** The quoted schema name. */
  readonly schema: string;
  /** How long a read waits for transactions older than the newest committed event (ms). */
  readonly settleTimeoutMs: number;
}

const PAGE = 500;
const ORIGIN: LogPosition = { transactionId: '0', sequence: '0' };

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The log below the horizon: only events of transactions older than every transaction still
 * running (`pg_snapshot_xmin`). Whatever commits later has a larger transaction id, so it
 * sorts after everything returned here, and a reader resuming from a position misses nothing.
 */
async function page(source: LogSource, after: LogPosition, size: number): Promise<RecordedEvent[]> {
  const { rows } = await source.database.query<RecordedRow>(
    {
      name: `pinnstatistik-read-all-${source.schema}`,
      text: `select ${RECORDED_COLUMNS}
         from ${bothTables(
           source.schema,
           `x.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
              and (x.transaction_id, x.position) > ($1::xid8, $2::bigint)`,
           'x.transaction_id, x.position',
           '$3',
         )} e
         join ${source.schema}.streams s on s.stream_id = e.stream_id
        order by e.transaction_id, e.position
        limit $3`,
      values: [after.transactionId, after.sequence, size],
    },
    'a read of the log',
  );
  return rows.map(toRecordedEvent);
}

/** The newest committed transaction with events after `after`, and the current horizon. */
async function pending(source: LogSource, after: LogPosition): Promise<{ newest?: bigint; horizon: bigint }> {
  const newestIn = (table: string) => `(select e.transaction_id from ${source.schema}.${table} e
              where (e.transaction_id, e.position) > ($1::xid8, $2::bigint)
              order by e.transaction_id desc, e.position desc limit 1)`;
  const { rows } = await source.database.query<{ newest: string | null; horizon: string }>(
    {
      text: `select greatest(${newestIn('events')}, ${newestIn('detail_events')})::text as newest,
            pg_snapshot_xmin(pg_current_snapshot())::text as horizon`,
      values: [after.transactionId, after.sequence],
    },
    'a read of the log',
  );
  const row = rows[0] as { newest: string | null; horizon: string };
  return row.newest === null
    ? { horizon: BigInt(row.horizon) }
    : { newest: BigInt(row.newest), horizon: BigInt(row.horizon) };
}

/** Waits until every transaction up to `transactionId` has ended; false when time ran out or the read was aborted. */
async function waitForHorizon(
  source: LogSource,
  transactionId: bigint,
  deadline: number,
  signal?: AbortSignal,
) {
  let delay = 2;
  while (!signal?.aborted && Date.now() < deadline) {
    const { rows } = await source.database.query<{ passed: string }>(
      {
        text: 'select pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 as passed',
        values: [transactionId.toString()],
      },
      'a read of the log',
    );
    if (rows[0]?.passed === 't') return true;
    await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
    delay = Math.min(delay * 2, 50);
  }
  return false;
}

/**
 * Every stream's events in commit-safe order, after a position (exclusive). When the log holds
 * committed events still above the horizon (an older transaction is running), the read waits
 * for that transaction to end — up to `settleTimeoutMs` — so it returns what was committed
 * when it was called; if the wait runs out, it stops early rather than out of order.
 */
export async function* readAllEvents(
  source: LogSource,
  options: ReadAllOptions = {},
  signal?: AbortSignal,
): AsyncIterable<RecordedEvent> {
  let cursor = options.after === undefined ? ORIGIN : parsePosition(options.after);
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let settled = false;
  while (remaining > 0) {
    const size = Math.min(PAGE, remaining);
    const events = await page(source, cursor, size);
    for (const event of events) {
      remaining -= 1;
      cursor = parsePosition(event.position);
      yield event;
    }
    if (events.length === size) continue;
    if (settled || signal?.aborted === true) return;
    settled = true; // chase only what is committed now, not what keeps arriving
    const { newest, horizon } = await pending(source, cursor);
    if (newest === undefined) return;
    if (newest >= horizon) {
      await waitForHorizon(source, newest, Date.now() + source.settleTimeoutMs, signal);
    }
  }
}
