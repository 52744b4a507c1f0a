import { appendBatchFunction, deleteStreamsFunction } from './sql-functions.js';

/** One step of the schema, applied once, in order, inside the migration transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The statements, for the quoted schema name. */
  sql(schema: string): string;
}

/**
 * The package's schema, as it grows. Never edit a released step: add the next one. Each runs
 * in the transaction that records it, so a step is applied entirely or not at all.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'event log: streams and events',
    sql: (s) => `
      create table ${s}.streams (
        stream_id bigint generated always as identity primary key,
        name text not null unique,
        revision bigint not null
      );
      create table ${s}.events (
        position bigint generated always as identity primary key,
        transaction_id xid8 not null default pg_current_xact_id(),
        stream_id bigint not null references ${s}.streams (stream_id),
        revision bigint not null,
        event_id text not null,
        type text not null,
        data json not null,
        metadata json not null,
        constraint events_stream_revision unique (stream_id, revision),
        constraint events_stream_event_id unique (stream_id, event_id)
      );
      create index events_commit_order on ${s}.events (transaction_id, position);
      create function ${s}.refuse_event_edit() returns trigger language plpgsql as $$
        begin
          raise exception 'pinnstatistik: events are append-only (% refused)', tg_op
            using errcode = 'insufficient_privilege';
        end
      $$;
      create trigger events_append_only before update or delete or truncate on ${s}.events
        for each statement execute function ${s}.refuse_event_edit();
    `,
  },
  {
    version: 2,
    name: 'key store',
    sql: (s) => `
      create table ${s}.keys (
        key_id text primary key,
        key bytea not null check (octet_length(key) = 32)
      );
    `,
  },
  {
    version: 3,
    name: 'checkpoint store',
    sql: (s) => `
      create table ${s}.checkpoints (
        projection text primary key,
        position text not null
      );
    `,
  },
  {
    version: 4,
    name: 'checkpoint state',
    // `json`, not `jsonb`: the state comes back as the very text `JSON.stringify` wrote — key
    // order kept, and the escapes jsonb refuses ("\u0000", a lone surrogate) accepted; nothing
    // queries inside it. Nullable without a default, so adding it rewrites no rows.
    sql: (s) => `
      alter table ${s}.checkpoints add column state json;
    `,
  },
  {
    version: 5,
    name: 'events as bytes; shreddable detail; deletion only by shredding',
    sql: (s) => eventsAsBytes(s),
  },
  {
    version: 6,
    name: 'append_batch looks known ids up by index (it scanned every event on every append)',
    sql: (s) => appendBatchFunction(s, 6),
  },
  {
    version: 7,
    name: 'stream ids say nothing of the order streams were created in',
    sql: (s) => streamIdsUnordered(s),
  },
  {
    version: 8,
    name: "a stream's revisions are in log order: append_batch holds its streams before drawing a transaction id",
    sql: (s) => appendBatchFunction(s, 8),
  },
  {
    version: 9,
    name: "append_batch holds at most 64 advisory locks a statement, its schema's own; delete_streams locks rows in name order",
    sql: (s) => `${appendBatchFunction(s, 9)}\n${deleteStreamsFunction(s, 9)}`,
  },
];

/**
 * A stream's id, drawn at random (60 bits of `gen_random_uuid`): ids allocated in creation order
 * kept, in the tombstones of deleted streams, the order every series had been opened in and its
 * place between the months' dated streams (attack 40). Nothing reads the ids' order.
 */
const RANDOM_STREAM_ID = `(('x' || substr(md5(gen_random_uuid()::text), 1, 15))::bit(60)::bigint)`;

/**
 * Version 7. New streams take a random id; the tombstones of deleted streams (no event refers to
 * them any more) are given one too; and the table is rewritten in id order, so not even the rows'
 * places in the heap keep the order they were created in (compaction after every deletion keeps
 * it so: see `compactAndVerify`'s `reorder`). Ids of streams still holding events stay as they were.
 */
function streamIdsUnordered(s: string): string {
  return `
    alter table ${s}.streams alter column stream_id drop identity;
    alter table ${s}.streams alter column stream_id set default ${RANDOM_STREAM_ID};
    update ${s}.streams set stream_id = ${RANDOM_STREAM_ID} where deleted;
    cluster ${s}.streams using streams_pkey;
  `;
}

/**
 * Version 5. Events' `data` and `metadata` become the opaque bytes the core hands over (rows an
 * earlier release wrote as JSON keep their exact text, as UTF-8). Private detail — the streams a
 * seal or a closing deletes — gets a table of its own with the same columns and the same
 * position sequence, so compacting it after a deletion rewrites only open detail, never the
 * whole log. Both tables store the bytes uncompressed (`STORAGE EXTERNAL`): what a deletion
 * removed can then be searched for in the files, byte for byte. Streams can be tombstoned.
 * The trigger still refuses every UPDATE and TRUNCATE, and refuses DELETE unless the
 * transaction has set `pinnstatistik.shredding` to `on` — which only `delete_streams` does.
 */
function eventsAsBytes(s: string): string {
  const sequence = `${s}.events_position_seq`.replaceAll("'", "''");
  return `
    alter table ${s}.events
      alter column data type bytea using convert_to(data::text, 'UTF8'),
      alter column metadata type bytea using convert_to(metadata::text, 'UTF8');
    alter table ${s}.events
      alter column data set storage external,
      alter column metadata set storage external;
    alter table ${s}.streams add column deleted boolean not null default false;
    -- The append function is the only writer and names only streams it has locked; a foreign
    -- key would run a trigger per inserted event for nothing.
    alter table ${s}.events drop constraint events_stream_id_fkey;
    create table ${s}.detail_events (
      position bigint primary key default nextval('${sequence}'),
      transaction_id xid8 not null default pg_current_xact_id(),
      stream_id bigint not null,
      revision bigint not null,
      event_id text not null,
      type text not null,
      data bytea not null,
      metadata bytea not null,
      constraint detail_events_stream_revision unique (stream_id, revision),
      constraint detail_events_stream_event_id unique (stream_id, event_id)
    );
    alter table ${s}.detail_events
      alter column data set storage external,
      alter column metadata set storage external;
    create index detail_events_commit_order on ${s}.detail_events (transaction_id, position);
    create or replace function ${s}.refuse_event_edit() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('pinnstatistik.shredding', true) = 'on' then
          return null;
        end if;
        raise exception 'pinnstatistik: events are append-only (% refused; only shredding deletes)', tg_op
          using errcode = 'insufficient_privilege';
      end
    $$;
    create trigger detail_events_append_only before update or delete or truncate on ${s}.detail_events
      for each statement execute function ${s}.refuse_event_edit();
    ${appendBatchFunction(s, 5)}
    ${deleteStreamsFunction(s, 1)}
  `;
}
