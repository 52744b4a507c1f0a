import type pg from 'pg';

/**
 * Test-only: a trigger that holds an append's transaction open after its events are inserted
 * (their sequence numbers taken) whenever an event's metadata asks for `sleepMs` — the
 * "committed late by a concurrent transaction" case a naive sequence-ordered reader skips.
 */
export async function installSlowCommits(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`
    create or replace function ${schema}.slow_commit() returns trigger language plpgsql as $$
      begin
        if new.metadata->>'sleepMs' is not null then
          perform pg_sleep((new.metadata->>'sleepMs')::int / 1000.0);
        end if;
        return new;
      end
    $$;
    drop trigger if exists slow_commit on ${schema}.events;
    create trigger slow_commit after insert on ${schema}.events
      for each row execute function ${schema}.slow_commit();
  `);
}
