import type pg from 'pg';

/** Metadata that asks the test trigger below to hold the append's transaction open for `ms`. */
export function sleepMetadata(ms: number): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ sleepMs: ms }));
}

/**
 * Test-only: a trigger that holds an append's transaction open after its events are inserted
 * (their sequence numbers taken) whenever an event's metadata is {@link sleepMetadata} — the
 * "committed late by a concurrent transaction" case a naive sequence-ordered reader skips.
 */
export async function installSlowCommits(pool: pg.Pool, schema: string): Promise<void> {
  await pool.query(`
    create or replace function ${schema}.slow_commit() returns trigger language plpgsql as $$
      begin
        if position(convert_to('{"sleepMs":', 'UTF8') in new.metadata) = 1 then
          perform pg_sleep((convert_from(new.metadata, 'UTF8')::json->>'sleepMs')::int / 1000.0);
        end if;
        return new;
      end
    $$;
    drop trigger if exists slow_commit on ${schema}.events;
    create trigger slow_commit after insert on ${schema}.events
      for each row execute function ${schema}.slow_commit();
  `);
}
