import type { StreamDeletion } from '@pinnstatistik/core';
import { compactAndVerify, type Needle } from './compaction.js';
import type { Database, Session } from './database.js';
import { MIN_NEEDLE_BYTES } from './find-needles.js';

/** What deleting streams did on PostgreSQL: the port's answer, and why it is not `physical` when it is not. */
export interface PostgresStreamDeletion extends StreamDeletion {
  /** Present when `extent` is `logical` and events were removed: what keeps their bytes, and what to do. */
  readonly detail?: string;
}

/** How `deleteStreams` makes deleted bytes gone. */
export interface DeletionSettings {
  readonly database: Database;
  /** Where compaction runs (see the `maintenance` option). */
  readonly maintenance: Database;
  /** The quoted schema name. */
  readonly schema: string;
  /** Rewrite the tables that held the deleted events (default true); otherwise the deletion is logical. */
  readonly compact: boolean;
  /** Read the rewritten files back and search them for the deleted events (default true). */
  readonly verify: boolean;
}

interface RemovedRow {
  readonly r_table: 'events' | 'detail_events';
  readonly r_event_id: string;
  readonly r_data: Uint8Array;
  readonly r_metadata: Uint8Array;
}

const textEncoder = new TextEncoder();

/** The byte strings that betray a removed event if found: its id, and 16 bytes of its data and metadata. */
function needlesOf(rows: readonly RemovedRow[]): { needles: Needle[]; unchecked: number } {
  const needles: Needle[] = [];
  let unchecked = 0;
  rows.forEach((row, owner) => {
    const own = [textEncoder.encode(row.r_event_id), row.r_data, row.r_metadata].filter(
      (bytes) => bytes.length >= MIN_NEEDLE_BYTES,
    );
    if (own.length === 0) unchecked += 1;
    for (const bytes of own) needles.push({ bytes, owner });
  });
  return { needles, unchecked };
}

/** Whether an event still stored holds these bytes (then finding them proves nothing about a removed one). */
function liveContains(schema: string) {
  return async (session: Session, bytes: Uint8Array): Promise<boolean> => {
    const within = (table: string) => `exists (select 1 from ${schema}.${table} x
        where position($1::bytea in x.data) > 0 or position($1::bytea in x.metadata) > 0
           or position($1::bytea in convert_to(x.event_id, 'UTF8')) > 0)`;
    const { rows } = await session.query<{ found: string }>({
      text: `select (${within('events')} or ${within('detail_events')}) as found`,
      values: [bytes],
    });
    return rows[0]?.found === 't';
  };
}

/**
 * Deletes streams in one transaction (`delete_streams`: tombstones and rows together), then
 * compacts what held them — normally only `detail_events`, which holds nothing but open detail,
 * so the rewrite costs what a month of detail costs, once per seal — and reads the files back.
 * `physical` only when that check passed; otherwise `logical`, with the reason in `detail`.
 */
export async function deleteStreamsFrom(
  settings: DeletionSettings,
  names: readonly string[],
): Promise<PostgresStreamDeletion> {
  const { rows } = await settings.database.query<RemovedRow>(
    { text: `select * from ${settings.schema}.delete_streams($1)`, values: [[...new Set(names)]] },
    'deleting streams',
  );
  const removed = rows.length;
  if (removed === 0) return { removed, extent: 'physical' };
  if (!settings.compact)
    return {
      removed,
      extent: 'logical',
      detail:
        'compaction is off: the rows are deleted, their bytes stay in the table files until VACUUM FULL',
    };
  const tables = [...new Set(rows.map((row) => `${settings.schema}.${row.r_table}`))];
  const { needles, unchecked } = needlesOf(rows);
  const compaction = await compactAndVerify(settings.maintenance, {
    tables,
    needles,
    liveContains: liveContains(settings.schema),
    verify: settings.verify,
    reorder: { table: `${settings.schema}.streams`, index: 'streams_pkey' },
  });
  const uncheckable = unchecked + (compaction.unchecked ?? 0);
  if (compaction.outcome === 'verified' && uncheckable === 0) return { removed, extent: 'physical' };
  return {
    removed,
    extent: 'logical',
    detail:
      compaction.outcome === 'verified'
        ? `${uncheckable} removed event(s) hold no bytes of their own to search for (too short, or equal to events still stored); the tables were rewritten and every other removed event is gone from their files`
        : (compaction.detail ?? compaction.outcome),
  };
}
