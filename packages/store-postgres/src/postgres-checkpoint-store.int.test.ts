import type { Checkpoint, JsonValue } from '@pinnstatistik/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { applyMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations.js';
import { createPostgresCheckpointStore, type PostgresCheckpointStore } from './postgres-checkpoint-store.js';

let database: FreshDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await freshDatabase();
  pool = new pg.Pool({ connectionString: database.url });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

/** Runs `body` with a store on its own pool, and closes it whatever happens. */
async function withStore<T>(
  schema: string,
  body: (checkpoints: PostgresCheckpointStore) => Promise<T>,
): Promise<T> {
  const checkpoints = await createPostgresCheckpointStore({ connection: database.url, schema });
  try {
    return await body(checkpoints);
  } finally {
    await checkpoints.close();
  }
}

const storedText = async (schema: string, projection: string): Promise<string | null | undefined> =>
  (
    await pool.query<{ state: string | null }>(
      `select state::text as state from ${schema}.checkpoints where projection = $1`,
      [projection],
    )
  ).rows[0]?.state;

describe('postgres checkpoint store', () => {
  it('loads nothing for a projection that never ran, then the latest save, until reset', async () => {
    await withStore('pinnstatistik', async (checkpoints) => {
      expect(await checkpoints.load('statistics')).toBeUndefined();
      await checkpoints.save('statistics', { position: '741:12', state: { visitors: 3 } });
      await checkpoints.save('statistics', { position: '745:30', state: { visitors: 5 } });
      await checkpoints.save('audit', { position: '741:3' });
      expect(await checkpoints.load('statistics')).toEqual({ position: '745:30', state: { visitors: 5 } });
      expect(await checkpoints.load('audit')).toEqual({ position: '741:3' });
      await checkpoints.reset('statistics');
      expect(await checkpoints.load('statistics')).toBeUndefined();
      expect(await checkpoints.load('audit')).toEqual({ position: '741:3' });
      await checkpoints.reset('statistics');
    });
  });

  it('keeps checkpoints across a restart, per schema', async () => {
    await withStore('tenant_a', (first) => first.save('statistics', { position: '900:1', state: ['a'] }));
    await withStore('tenant_a', async (reopened) => {
      expect(await reopened.load('statistics')).toEqual({ position: '900:1', state: ['a'] });
    });
    await withStore('tenant_b', async (other) => {
      expect(await other.load('statistics')).toBeUndefined();
    });
  });

  it('round-trips a state exactly: nesting, key order, every number and string JSON can carry', async () => {
    const state = {
      zeta: 'keys stay in the order they were written, not sorted',
      alpha: {
        branches: [
          { name: 'Vaggeryd', counts: { adults: 12, children: 0 } },
          { name: 'Skillingaryd', counts: { adults: 7, children: 3 } },
        ],
        empty: { object: {}, array: [] as JsonValue[], string: '' },
        flags: [true, false, null],
      },
      numbers: {
        sum: 0.1 + 0.2, // 0.30000000000000004
        third: 1 / 3,
        big: 1e21,
        tiny: 5e-324,
        max: Number.MAX_VALUE,
        safe: Number.MAX_SAFE_INTEGER,
        negative: -273.15,
        zero: 0,
      },
      text: {
        swedish: 'Räkning på Ösjöns bibliotek, åtta besökare',
        emoji: '📚👩‍👧‍👦🏳️‍🌈',
        combining: 'e\u0301 vs é',
        rtl: 'مكتبة',
        cjk: '図書館',
        escapes: 'quote " backslash \\ newline \n tab \t',
        nul: 'before\u0000after',
        loneSurrogate: 'half \ud83d of a pair',
      },
    };
    await withStore('exact', async (checkpoints) => {
      await checkpoints.save('statistics', { position: '1:1', state });
      const loaded = await checkpoints.load('statistics');
      expect(loaded).toEqual({ position: '1:1', state });
      // Exactly: the same text, so the same key order and the same digits.
      expect(JSON.stringify(loaded?.state)).toBe(JSON.stringify(state));
      expect(await storedText('exact', 'statistics')).toBe(JSON.stringify(state));
      const { numbers } = (loaded?.state ?? {}) as typeof state;
      expect(numbers.sum).toBe(0.30000000000000004);
      expect(Object.is(numbers.tiny, 5e-324)).toBe(true);

      for (const scalar of ['just a string', 0.1 + 0.2, 0, false, null, [], {}] as JsonValue[]) {
        await checkpoints.save('scalar', { position: '2:2', state: scalar });
        expect(await checkpoints.load('scalar')).toEqual({ position: '2:2', state: scalar });
      }
    });
  });

  it('a save without a state clears an earlier state; a null state is kept as null', async () => {
    await withStore('clearing', async (checkpoints) => {
      await checkpoints.save('statistics', { position: '10:1', state: { visitors: 3 } });
      await checkpoints.save('statistics', { position: '10:2' });
      const cleared = await checkpoints.load('statistics');
      expect(cleared).toEqual({ position: '10:2' });
      expect(cleared !== undefined && 'state' in cleared).toBe(false);
      expect(await storedText('clearing', 'statistics')).toBeNull();

      await checkpoints.save('statistics', { position: '10:3', state: null });
      expect(await checkpoints.load('statistics')).toEqual({ position: '10:3', state: null });
      expect(await storedText('clearing', 'statistics')).toBe('null');

      await checkpoints.save('statistics', { position: '10:4', state: { visitors: 4 } });
      expect(await checkpoints.load('statistics')).toEqual({ position: '10:4', state: { visitors: 4 } });
    });
  });

  it('saves atomically: concurrent saves from several pools leave one complete pair, never a torn one', async () => {
    const writers = 4;
    const rounds = 15;
    const inFlight = 3; // saves per writer at once, so each pool uses several connections
    const checkpointFor = (writer: number, save: number): Checkpoint => {
      const position = `${1000 + writer}:${save}`;
      return {
        position,
        state: {
          position,
          writer,
          save,
          // Big enough that the rows take a while to write (and are TOASTed).
          counts: Array.from({ length: 2000 }, (_, i) => writer * 1_000_000 + save * 1000 + i),
        },
      };
    };
    const saved = new Map<string, Checkpoint>();
    for (let w = 0; w < writers; w += 1) {
      for (let s = 0; s < rounds * inFlight; s += 1) {
        const checkpoint = checkpointFor(w, s);
        saved.set(checkpoint.position, checkpoint);
      }
    }
    const expectComplete = (checkpoint: Checkpoint | undefined): void => {
      if (checkpoint === undefined) return; // before the first save lands
      expect((checkpoint.state as { position: string }).position).toBe(checkpoint.position);
      expect(checkpoint).toEqual(saved.get(checkpoint.position));
    };

    const stores = await Promise.all(
      Array.from({ length: writers + 1 }, () =>
        createPostgresCheckpointStore({ connection: database.url, schema: 'raced' }),
      ),
    );
    try {
      const reader = stores[writers] as PostgresCheckpointStore;
      let writing = true;
      let reads = 0;
      const reading = (async () => {
        while (writing) {
          expectComplete(await reader.load('statistics'));
          reads += 1;
        }
      })();
      try {
        await Promise.all(
          stores.slice(0, writers).map(async (store, w) => {
            for (let round = 0; round < rounds; round += 1) {
              await Promise.all(
                Array.from({ length: inFlight }, (_, k) =>
                  store.save('statistics', checkpointFor(w, round * inFlight + k)),
                ),
              );
            }
          }),
        );
      } finally {
        writing = false;
        await reading;
      }
      expect(reads).toBeGreaterThan(0);
      const final = await reader.load('statistics');
      expect(final).toBeDefined();
      expectComplete(final);
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from raced.checkpoints where projection = 'statistics'`,
      );
      expect(rows[0]?.n).toBe(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('migrates a checkpoint saved by the previous schema version: it loads back with no state', async () => {
    const previous = MIGRATIONS.filter((migration) => migration.version <= 3);
    const stateColumn = (): Promise<number> =>
      pool
        .query<{ n: number }>(
          `select count(*)::int as n from information_schema.columns
            where table_schema = 'previous' and table_name = 'checkpoints' and column_name = 'state'`,
        )
        .then(({ rows }) => rows[0]?.n ?? 0);

    const before = await applyMigrations(database.url, 'previous', previous);
    expect(before).toEqual({ schema: 'previous', applied: [1, 2, 3], version: 3 });
    expect(await stateColumn()).toBe(0);
    // What the previous release's save wrote.
    await pool.query(
      `insert into previous.checkpoints (projection, position) values ($1, $2)
         on conflict (projection) do update set position = excluded.position`,
      ['statistics', '741:12'],
    );

    await withStore('previous', async (checkpoints) => {
      const loaded = await checkpoints.load('statistics');
      expect(loaded).toEqual({ position: '741:12' });
      expect(loaded !== undefined && 'state' in loaded).toBe(false);
      await checkpoints.save('statistics', { position: '745:30', state: { visitors: 5 } });
      expect(await checkpoints.load('statistics')).toEqual({ position: '745:30', state: { visitors: 5 } });
    });
    expect(await stateColumn()).toBe(1);
    const { rows } = await pool.query<{ version: number }>(
      'select version from previous.schema_migrations order by version',
    );
    expect(rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });
});
