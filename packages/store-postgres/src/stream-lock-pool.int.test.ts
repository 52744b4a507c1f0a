import { createCommandService, fixedClock, vaggerydCatalogue } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { createPostgresKeyStore } from './postgres-key-store.js';

// A stream's turn holds a pooled connection for its advisory lock while the body reads and
// appends on other pooled connections: as many busy sheets as the pool has connections must
// not leave every body waiting for a connection that only a finished body would give back.

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.drop());

const POOL = 3;
const SHEETS = 12;

describe('turns on many sheets at once from one process (real PostgreSQL)', () => {
  it('tallies on more sheets than the pool has connections are all written, none STORE_UNAVAILABLE', async () => {
    const pool = new pg.Pool({ connectionString: database.url, max: POOL });
    const store = await createPostgresEventStore({
      connection: pool,
      schema: 'many_sheets',
      listen: false,
      connectTimeoutMs: 1_000,
    });
    const keys = await createPostgresKeyStore({ connection: database.url, schema: 'many_sheets_keys' });
    try {
      const service = createCommandService({
        store,
        keys,
        catalogueId: 'vaggeryd',
        clock: fixedClock('2025-12-31T12:00:00Z'),
        maxUnavailableRetries: 0,
      });
      const adopted = await service.adoptCatalogue({
        type: 'AdoptCatalogue',
        commandId: '00000000-0000-4000-8000-999999999999',
        catalogue: vaggerydCatalogue(),
      });
      expect(E.isRight(adopted)).toBe(true);
      // One sheet per month: each tally has a lane (and a turn) of its own.
      const results = await Promise.all(
        Array.from({ length: SHEETS }, (_, month) =>
          service.tally({
            type: 'TallyContact',
            commandId: `00000000-0000-4000-8000-${String(month + 1).padStart(12, '0')}`,
            interventionId: 'motesplats-uppsokande',
            unitId: 'motesplats',
            date: `2025-${String(month + 1).padStart(2, '0')}-14`,
            marks: { gender: 'female' },
          }),
        ),
      );
      expect(results.map((result) => (E.isRight(result) ? 'written' : result.left.code))).toEqual(
        Array.from({ length: SHEETS }, () => 'written'),
      );
    } finally {
      await keys.close();
      await store.close();
      await pool.end();
    }
  }, 30_000);
});
