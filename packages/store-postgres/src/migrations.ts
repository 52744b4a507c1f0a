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
];
