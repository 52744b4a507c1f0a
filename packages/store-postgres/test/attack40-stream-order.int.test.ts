// Attack 40 — what PostgreSQL keeps beyond the events, from ONE later copy (closed).
//
// The attacker holds one copy of the events database taken after the year (every month sealed,
// every series closed; a pg_dump or the data directory, no key) and reads what the adapter keeps
// beside the events: the `streams` table, where every stream — deleted ones too, as tombstones —
// keeps its `stream_id` and its name. Ids were an identity allocated in creation order: a series
// stream is created at its opening, a month's detail stream (`tally-YYYY-MM-…`) at the month's
// first tally and `period-YYYY-MM` at its seal (the 16th of the next month). So the ids put every
// series' opening in order among the others and between dated anchors — what the design hides
// (an opening is written in its month's sealed registry and indexed at the seal in one batch
// *sorted by name*, attack 14b: the month of an opening, never its order or its day).
//
// Attack 13's scheduled year (the operator's real schedule, day by day), volume 0.3, seed 42, on
// a real PostgreSQL server. The attack reads rows only: the clear `SeriesIndexed` batches (the
// month each series opened in) and `streams` (id, name, and the rows' order in the heap, as a
// pg_dump writes them). Scored against the operator's ground truth (day and order of each
// opening) and a blind attacker with the same month who guesses the commonest half and any order.
//
// Before the fix (ids in creation order): each opening's half of its month right for 72 of 72
// (blind 36), openings of one month ordered right in 245 of 245 pairs (chance 122.5); the rows'
// place in the heap ordered 139. Now (migration 7: random ids, deleted streams' ids drawn again,
// and the table rewritten in id order — `CLUSTER` — at every compaction after a deletion): chance.
// Weakening shown to fail this test: migration 7 with ids from a sequence again
// (`set default nextval(...)`) instead of `RANDOM_STREAM_ID` — 72 of 72 halves again.
//
// Also probed, with no gain found in the time given (left for a next attacker): the xid of every
// surviving event (`transaction_id`, `xmin`) — the gaps count transactions between survivors,
// positions count events, and their difference counts multi-event writes (openings, paddings,
// seals); and dead row versions of `streams` (pageinspect): HOT pruning had left only the last
// versions but for the newest series (the opening's xid of 2 of 21 at volume 0.05).
import { clearData, collect } from '@pinnstatistik/core/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresEventStore } from '../src/index.js';
import { comparePositions } from '../src/position.js';
import { scheduledPostgresYear } from './attack40-year.js';
import { type FreshDatabase, freshDatabase } from './fresh-database.js';

let database: FreshDatabase | undefined;
afterAll(async () => {
  await database?.drop();
});

describe('attack 40: the order of stream ids in one later PostgreSQL copy', () => {
  it("does not date a series' opening within its month, nor order the openings", async () => {
    database = await freshDatabase();
    const schema = 'attacked';
    const volume = Number(process.env.A40_VOLUME ?? 0.3);
    const year = await scheduledPostgresYear({ url: database.url, schema, volume });
    await year.store.close();

    // --- the attacker: rows of one copy, no key ---
    const reader = await createPostgresEventStore({ connection: database.url, schema });
    const copy = await collect(reader.readAll());
    await reader.close();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ id: string; name: string }>(
      `select stream_id::text as id, name from ${schema}.streams`,
    );
    // The same rows in the order the heap holds them (what a pg_dump's COPY writes out).
    const physical = await client.query<{ name: string }>(`select name from ${schema}.streams order by ctid`);
    await client.end();
    const placeOf = new Map(physical.rows.map((row, index) => [row.name, index]));
    const idOf = new Map(rows.map((row) => [row.name, Number(row.id)]));
    const monthOf = new Map<string, string>(); // series → month it opened in (clear: the seal's batch)
    for (const event of copy) {
      if (event.stream !== 'series-index' || event.type !== 'SeriesIndexed') continue;
      // Indexed by the seal of its month, in one batch right before the month's seal.
      const data = clearData(event) as { series: string };
      const sealed = copy.find(
        (e) => e.type === 'PeriodSealed' && comparePositions(e.position, event.position) > 0,
      );
      if (sealed !== undefined) monthOf.set(data.series, sealed.stream.slice('period-'.length));
    }
    // The seal of month m − 1 (its period stream created on the 16th of m) splits month m in two.
    const previous = (month: string) => {
      const d = new Date(`${month}-01T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() - 1);
      return d.toISOString().slice(0, 7);
    };
    const guessedHalf = new Map<string, 'first' | 'second'>();
    for (const [series, month] of monthOf) {
      const split = idOf.get(`period-${previous(month)}`);
      const id = idOf.get(series);
      if (split === undefined || id === undefined) continue;
      guessedHalf.set(series, id < split ? 'first' : 'second');
    }

    // --- scored against the operator's view ---
    const truth = year.truth;
    const trueHalf = (series: string) =>
      Number(truth.get(series)?.openedOn.slice(8, 10)) < 16 ? 'first' : 'second';
    const halvesRight = [...guessedHalf].filter(([series, half]) => trueHalf(series) === half).length;
    const firsts = [...guessedHalf.keys()].filter((series) => trueHalf(series) === 'first').length;
    const blindHalves = Math.max(firsts, guessedHalf.size - firsts);
    // Pairs of series opened in one month (on different days): ordered by stream id, right?
    const order = [...truth.keys()];
    let pairs = 0;
    let pairsRight = 0;
    let physicalRight = 0;
    const months = new Map<string, string[]>();
    for (const [series, month] of monthOf) months.set(month, [...(months.get(month) ?? []), series]);
    for (const list of months.values())
      for (let i = 0; i < list.length; i += 1)
        for (let j = i + 1; j < list.length; j += 1) {
          const [a, b] = [list[i] as string, list[j] as string];
          if (truth.get(a)?.openedOn === truth.get(b)?.openedOn) continue;
          pairs += 1;
          const trueOrder = order.indexOf(a) < order.indexOf(b);
          const guessed = (idOf.get(a) ?? 0) < (idOf.get(b) ?? 0);
          if (trueOrder === guessed) pairsRight += 1;
          if (trueOrder === (placeOf.get(a) ?? 0) < (placeOf.get(b) ?? 0)) physicalRight += 1;
        }
    console.log(
      `attack 40: ${monthOf.size} series indexed, ${truth.size} in truth; opening's half of its month right for ` +
        `${halvesRight} of ${guessedHalf.size} (blind, the commonest half: ${blindHalves}); openings of one month ` +
        `ordered right: ${pairsRight} of ${pairs} pairs (blind: ${pairs / 2}); by the rows' place in the heap: ${physicalRight}`,
    );
    expect(monthOf.size, 'the attack had its material').toBeGreaterThan(10);
    // With random ids the attacker's half is a coin toss: held to the blind guess, or to chance
    // plus three standard deviations (1.5 √n), whichever is more.
    expect(halvesRight, 'openings placed in their half month beyond a blind guess').toBeLessThanOrEqual(
      Math.max(blindHalves, Math.ceil(guessedHalf.size / 2 + 1.5 * Math.sqrt(guessedHalf.size))),
    );
    expect(pairsRight, 'openings of one month ordered by stream id beyond chance').toBeLessThanOrEqual(
      Math.ceil(pairs * 0.6),
    );
    expect(
      physicalRight,
      "openings of one month ordered by their rows' place beyond chance",
    ).toBeLessThanOrEqual(Math.ceil(pairs * 0.6));
  }, 1_800_000);
});
