/**
 * `append_batch`: appends — of one stream or of many — in one statement, so one round trip,
 * one transaction, and a stream's row lock held only while the server works, never across the
 * network. The client sends the events already de-duplicated within each part, with each
 * part's count and size, each event's rank in its part, and each part's last event:
 *
 * 1. every stream of the call is locked, in name order (two calls never wait on each other in
 *    a cycle); streams that will receive events and have no row get one first (an empty row
 *    reads as absent). From version 8, each stream is first held by an advisory lock (see
 *    {@link lockStreamsFirst}), so the transaction draws its id only once its streams are its own;
 * 2. the events whose id is in their stream already (a retry) are looked up — only in streams
 *    that existed; when there are none (the usual case), counts, sizes and revisions are the
 *    client's and nothing is sorted;
 * 3. per part, in order: a tombstoned stream refuses (`STREAM_DELETED`); a part whose ids are
 *    all stored is a retry and succeeds without writing; then the expected revision, then the
 *    size of what is new;
 * 4. every new event is inserted — detail into `detail_events`, the rest into `events` — with
 *    positions in the call's order, and the streams' revisions bumped.
 *
 * Atomic (`p_independent` false, `appendBatch`): the first refusing part is the answer and
 * nothing is written. Independent (true, several callers' appends sharing one commit): each
 * refusing part is answered and skipped, the others are written. One row per part comes back,
 * `r_code` set for a refusal. A part that writes nothing reports the stream's last event (as
 * `AppendSuccess` says), also for a retry of events that are no longer the last. Plans are
 * generic: no statement is planned again per call.
 */
export function appendBatchFunction(s: string, version: 5 | 6 | 8 | 9 = 9): string {
  // A known id is looked up by the (stream, event id) index, one lookup an event appended. As
  // released in version 5, the check let the planner turn its EXISTS into a hashed subplan —
  // a scan of every event of both tables on every append (its generic plan was made on an
  // empty table): appends slowed as the log grew (≈ 560 a second at 2,000 events, 170 at
  // 8,000, on the bench's PEERS workload). `offset 0` keeps each EXISTS a probe of the index.
  const probe = version === 5 ? '' : ' offset 0';
  const sequence = `'${s}.events_position_seq'`;
  const insertInto = (table: string, explicit: boolean) => `
          insert into ${s}.${table} (${explicit ? 'position, ' : ''}stream_id, revision, event_id, type, data, metadata)
          ${explicit && table === 'events' ? 'overriding system value' : ''}
          select ${explicit ? 'positions[e.ord], ' : ''}stream_ids[e.part], currents[e.part] + ranks[e.ord],
                 e.id, e.type, e.data, e.metadata
            from unnest(p_part, p_ids, p_types, p_data, p_metadata) with ordinality as e(part, id, type, data, metadata, ord)
           where ${table === 'events' ? 'not ' : ''}p_detail[e.part] and ranks[e.ord] is not null`;
  return `
    create ${version === 5 ? '' : 'or replace '}function ${s}.append_batch(
      p_independent boolean,
      p_streams text[], p_expected text[], p_detail boolean[], p_counts int[], p_bytes bigint[],
      p_last int[], p_max_bytes bigint,
      p_part int[], p_rank int[], p_ids text[], p_types text[], p_data bytea[], p_metadata bytea[],
      p_sizes bigint[]
    ) returns table (
      r_part int, r_code text, r_actual bigint, r_next_revision bigint,
      r_transaction_id text, r_sequence text, r_written int, r_size bigint
    ) language plpgsql set plan_cache_mode = force_generic_plan as $$
    declare
      parts int := coalesce(array_length(p_streams, 1), 0);
      total int := coalesce(array_length(p_ids, 1), 0);
      stream_ids bigint[];
      currents bigint[];
      deleted boolean[];
      known_ords int[];
      known_counts int[];
      known_bytes bigint[];
      ranks int[];
      positions bigint[];
      written bigint[];
      lasts bigint[];
      codes text[];
      actuals bigint[];
      sizes bigint[];
      fresh int := 0;
      expected text;
      current_revision bigint;
      txid text;
      found_tx text;
      found_seq text;
      i int;${version >= 8 ? '\n      lock_key bigint;' : ''}
    begin${version >= 8 ? lockStreamsFirst(version === 8 ? LOCKS_OF_VERSION_8 : LOCKS_OF_VERSION_9, s) : ''}
      for i in 1 .. 2 loop
        select array_agg(st.stream_id order by t.part),
               array_agg(coalesce(st.revision, -1) order by t.part),
               array_agg(coalesce(st.deleted, false) order by t.part)
          into stream_ids, currents, deleted
          from unnest(p_streams) with ordinality as t(name, part)
          left join (select x.stream_id, x.name, x.revision, x.deleted from ${s}.streams x
                      where x.name = any(p_streams) order by x.name for update) st on st.name = t.name;
        exit when not exists (select 1 from generate_series(1, parts) as g(part)
                               where stream_ids[g.part] is null and p_counts[g.part] > 0);
        insert into ${s}.streams (name, revision)
        select t.name, -1 from unnest(p_streams, p_counts) as t(name, n) where t.n > 0 order by t.name
        on conflict (name) do nothing;
      end loop;

      if exists (select 1 from unnest(currents) as c where c >= 0) then
        select array_agg(e.ord::int order by e.ord) into known_ords
          from unnest(p_part, p_ids) with ordinality as e(part, id, ord)
         where currents[e.part] >= 0
           and (exists (select 1 from ${s}.events x where x.stream_id = stream_ids[e.part] and x.event_id = e.id${probe})
                or exists (select 1 from ${s}.detail_events x where x.stream_id = stream_ids[e.part] and x.event_id = e.id${probe}));
      end if;

      if known_ords is null then
        known_counts := array_fill(0, array[parts]);
        known_bytes := array_fill(0::bigint, array[parts]);
        ranks := p_rank;
      else
        select array_agg(coalesce(c.n, 0) order by t.part), array_agg(coalesce(c.b, 0) order by t.part)
          into known_counts, known_bytes
          from generate_series(1, parts) as t(part)
          left join (select p_part[o] as part, count(*)::int as n, sum(p_sizes[o])::bigint as b
                       from unnest(known_ords) as o group by 1) c on c.part = t.part;
        select array_agg(r.rank order by r.ord) into ranks
          from (select e.ord,
                       case when e.ord = any(known_ords) then null
                            else row_number() over (partition by e.part, e.ord = any(known_ords) order by e.ord)::int
                       end as rank
                  from unnest(p_part) with ordinality as e(part, ord)) r;
      end if;

      codes := array_fill(null::text, array[parts]);
      actuals := array_fill(null::bigint, array[parts]);
      sizes := array_fill(null::bigint, array[parts]);
      for i in 1 .. parts loop
        current_revision := currents[i];
        expected := p_expected[i];
        if deleted[i] then
          codes[i] := 'STREAM_DELETED';
        elsif p_counts[i] > 0 and known_counts[i] = p_counts[i] then
          continue;
        elsif not (expected = 'any'
                   or (expected = 'no-stream' and current_revision = -1)
                   or (expected = 'stream-exists' and current_revision >= 0)
                   or (expected ~ '^-?[0-9]+$' and expected::bigint = current_revision)) then
          codes[i] := 'WRONG_EXPECTED_REVISION';
          actuals[i] := current_revision;
        elsif p_bytes[i] - known_bytes[i] > p_max_bytes then
          codes[i] := 'APPEND_TOO_LARGE';
          sizes[i] := p_bytes[i] - known_bytes[i];
        else
          fresh := fresh + p_counts[i] - known_counts[i];
          continue;
        end if;
        if not p_independent then
          return query select i, codes[i], actuals[i], null::bigint, null::text, null::text, 0, sizes[i];
          return;
        end if;
        -- Skipped: none of this part's events is written.
        known_counts[i] := p_counts[i];
        ranks := array(select case when p_part[o] = i then null else ranks[o] end from generate_series(1, total) as o);
      end loop;

      if fresh > 0 then
        if (true = any(p_detail)) and (false = any(p_detail)) then
          -- Both tables: positions drawn up front, in the call's order.
          select array_agg(case when ranks[g.ord] is null then null else nextval(${sequence}) end order by g.ord)
            into positions
            from (select o.ord from generate_series(1, total) as o(ord) order by o.ord offset 0) g;
          ${insertInto('events', true)};
          ${insertInto('detail_events', true)};
        else
          -- One table: unnest yields the events in order, so the default positions follow it.
          if true = any(p_detail) then
            with w as (${insertInto('detail_events', false)} returning position)
            select array_agg(w.position order by w.position) into written from w;
          else
            with w as (${insertInto('events', false)} returning position)
            select array_agg(w.position order by w.position) into written from w;
          end if;
        end if;
        update ${s}.streams st set revision = st.revision + f.n
          from (select u.id, u.counted - u.known as n
                  from unnest(stream_ids, p_counts, known_counts) as u(id, counted, known)) f
         where st.stream_id = f.id and f.n > 0;
        txid := pg_current_xact_id()::text;
        if known_ords is null and positions is null and fresh = total then
          lasts := array(select written[l] from unnest(p_last) as l);
        elsif positions is not null and known_ords is null and fresh = total then
          lasts := array(select positions[l] from unnest(p_last) as l);
        else
          if positions is null then
            -- The written positions, in order, belong to the events written, in order.
            select array_agg(m.p order by m.ord) into positions
              from (select o.ord,
                           case when ranks[o.ord] is null then null
                                else written[(count(*) filter (where ranks[o.ord] is not null) over (order by o.ord))::int]
                           end as p
                      from generate_series(1, total) as o(ord)) m;
          end if;
          select array_agg(m.last order by t.part) into lasts
            from generate_series(1, parts) as t(part)
            left join (select p_part[o] as part, max(positions[o]) as last
                         from generate_series(1, total) as o where ranks[o] is not null group by 1) m
              on m.part = t.part;
        end if;
      end if;

      for i in 1 .. parts loop
        if codes[i] is not null then
          return query select i, codes[i], actuals[i], null::bigint, null::text, null::text, 0, sizes[i];
          continue;
        end if;
        if p_counts[i] - known_counts[i] > 0 then
          return query select i, null::text, null::bigint, currents[i] + p_counts[i] - known_counts[i], txid,
                              lasts[i]::text, p_counts[i] - known_counts[i], null::bigint;
          continue;
        end if;
        found_tx := null;
        found_seq := null;
        if currents[i] >= 0 then
          select x.transaction_id::text, x.position::text into found_tx, found_seq
            from (select y.transaction_id, y.position from ${s}.events y
                   where y.stream_id = stream_ids[i] and y.revision = currents[i]
                  union all
                  select y.transaction_id, y.position from ${s}.detail_events y
                   where y.stream_id = stream_ids[i] and y.revision = currents[i]) x
           limit 1;
        end if;
        return query select i, null::text, null::bigint, currents[i], found_tx, found_seq, 0, null::bigint;
      end loop;
    end
    $$;
  `;
}

/** How `append_batch` locks a call's streams (see {@link lockStreamsFirst}). */
interface StreamLocking {
  /** Calls naming at most this many streams lock each stream; larger ones lock stripes of streams. */
  readonly oneByOne: number;
  /** Stripes of streams (by name hash). */
  readonly stripes: number;
  /**
   * Whether the locks are the schema's own. Advisory locks belong to the database: a call that
   * holds every stripe (version 8: more than 1,024 streams; this version's first form, never
   * released: more than 32) held the appends of every other schema sharing the database — another
   * store, another tenant — until it committed (2.6 s against 12 ms: `attack-m9-schemas.int.test.ts`).
   */
  readonly perSchema: boolean;
}

/**
 * Version 8, as released: up to 1,024 streams one by one, 256 stripes — up to 1,280 advisory
 * locks in one statement. Sixteen 1,000-stream batches at once filled a lock table of PostgreSQL's
 * default size (`max_locks_per_transaction` 64 × 100 connections) and failed with "out of shared
 * memory" (`lock-table.int.test.ts`).
 */
const LOCKS_OF_VERSION_8: StreamLocking = { oneByOne: 1_024, stripes: 256, perSchema: false };
/**
 * Version 9: at most 64 advisory locks a statement, whatever the call — the share of the lock
 * table PostgreSQL sizes for each connection — so no number of connections appending at once
 * fills it. A call of up to 32 streams takes at most 32 stripes shared and its 32 streams; a
 * larger one at most 64 stripes exclusively. The stripes' lock class and the streams' hash seed are
 * the schema's: stores sharing a database never wait for each other.
 */
const LOCKS_OF_VERSION_9: StreamLocking = { oneByOne: 32, stripes: 64, perSchema: true };
/** Advisory-lock class of the stripes ("pinS"); `stream-lock.ts` uses "pins" for its session locks. */
const STRIPE_CLASS = 0x70696e53;

/**
 * The first statements of `append_batch` (versions 8 and 9): a transaction-scoped advisory lock on
 * every stream of the call, before any statement that draws a transaction id. The log is read in
 * transaction-id order, so a stream's revisions must be written in that order too. Locking the
 * stream's row was not enough: a call that had waited for the row (its holder updating it) was at
 * times given its id before the row was its own, and a call arriving later took the row first with
 * a larger id — the log showed revision 28 after 29 and 30 (a flaky concurrency test in stop 40;
 * `log-order.int.test.ts` makes it happen in every run against version 7). An advisory lock
 * writes nothing, so waiting for one draws no id: whoever holds a stream draws the id after the
 * stream's previous writer has committed.
 *
 * A small call locks its streams' stripes shared, then each stream exclusively; a larger call (an
 * import's batch, a busy group commit) locks its stripes exclusively, so the locks a statement
 * holds are bounded (see {@link LOCKS_OF_VERSION_9}). Stripes before streams, each in key order:
 * two calls never wait on each other in a cycle. Names that hash alike only share a lock.
 */
function lockStreamsFirst(locking: StreamLocking, s: string): string {
  const stripes = `select distinct hashtextextended(n, 0) & ${locking.stripes - 1} from unnest(p_streams) as n order by 1`;
  // The schema's name (quoted, as `s` is) in a literal: lower-case letters, digits and _ only.
  const stripeClass = locking.perSchema ? `hashtext('pinS:${s}')` : `${STRIPE_CLASS}`;
  const streamSeed = locking.perSchema ? `hashtext('${s}')` : '0';
  return `
      if parts <= ${locking.oneByOne} then
        for lock_key in ${stripes} loop
          perform pg_advisory_xact_lock_shared(${stripeClass}, lock_key::int);
        end loop;
        for lock_key in select distinct hashtextextended(n, ${streamSeed}) from unnest(p_streams) as n order by 1 loop
          perform pg_advisory_xact_lock(lock_key);
        end loop;
      else
        for lock_key in ${stripes} loop
          perform pg_advisory_xact_lock(${stripeClass}, lock_key::int);
        end loop;
      end if;
  `;
}

/**
 * `delete_streams`: tombstones the named streams that exist and are not deleted yet, and
 * deletes their events from both tables — in one statement, so in one transaction, the only
 * one that sets `pinnstatistik.shredding` (the trigger's permission to delete). For every
 * removed event it returns which table held it and short needles — its id, and 16 bytes from
 * inside its data and its metadata (within the first TOAST chunk) — for the store to search the
 * compacted files for.
 */
export function deleteStreamsFunction(s: string, version: 1 | 9 = 9): string {
  // Version 9 locks the rows in name order first, as `append_batch` does: version 1 marked them
  // in the order the scan met them, and a deletion and an append that held one row each and
  // wanted the other's deadlocked — the deletion rolled back and thrown to the sealing caller
  // (`attack-m9-delete-deadlock.int.test.ts`).
  const inNameOrder =
    version === 1
      ? ''
      : `
      perform 1 from ${s}.streams st
       where st.name = any(p_names) and not st.deleted order by st.name for update;`;
  return `
    create ${version === 1 ? '' : 'or replace '}function ${s}.delete_streams(p_names text[])
    returns table (r_table text, r_event_id text, r_data bytea, r_metadata bytea)
    language plpgsql as $$
    declare
      doomed bigint[];
    begin
      perform set_config('pinnstatistik.shredding', 'on', true);${inNameOrder}
      with marked as (
        update ${s}.streams st set deleted = true
         where st.name = any(p_names) and not st.deleted
        returning st.stream_id
      )
      select coalesce(array_agg(m.stream_id), '{}') into doomed from marked m;
      return query
        with kept as (
          delete from ${s}.events e where e.stream_id = any(doomed)
          returning e.event_id, e.data, e.metadata
        ), detail as (
          delete from ${s}.detail_events e where e.stream_id = any(doomed)
          returning e.event_id, e.data, e.metadata
        ), removed as (
          select 'events'::text as t, k.event_id, k.data, k.metadata from kept k
          union all
          select 'detail_events'::text, d.event_id, d.data, d.metadata from detail d
        )
        select r.t, r.event_id,
               substring(r.data from greatest(1, least(octet_length(r.data) / 2, 512) - 7) for 16),
               substring(r.metadata from greatest(1, least(octet_length(r.metadata) / 2, 512) - 7) for 16)
          from removed r;
      perform set_config('pinnstatistik.shredding', 'off', true);
    end
    $$;
  `;
}
