import { attackerSuite } from '@pinnstatistik/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { tableFiles } from '../test/attacker.js';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { createPostgresKeyStore } from './postgres-key-store.js';

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});

// The attacker is a superuser with a copy of the data directory: every file (heap, TOAST,
// indexes) of the events, detail, checkpoint and key tables, read back raw after a
// CHECKPOINT. Keys share the database here on purpose, so the key table's files are in the copy
// too (the library recommends another database; see the storage guide). The streams table
// keeps every stream's name — as the tombstone that keeps a deleted stream from being revived,
// in as many row versions as vacuum has not yet removed — and nothing else; it is left out of
// the name count.
const suite = attackerSuite(
  async () => {
    const schema = 'attacked';
    const store = await createPostgresEventStore({ connection: database.url, schema });
    const keys = await createPostgresKeyStore({ connection: database.url, schema });
    return {
      store,
      keys,
      tombstoneCopies: 0,
      raw: async () =>
        Promise.all(
          ['events', 'detail_events', 'checkpoints', 'keys'].map((table) =>
            tableFiles(database.url, `${schema}.${table}`),
          ),
        ),
      dispose: async () => {
        await Promise.all([store.close(), keys.close()]);
      },
    };
  },
  { volume: 0.15 },
);

describe('an attacker with a copy of the PostgreSQL data directory', () => {
  afterAll(async () => {
    console.log('attacker figures (postgres):', JSON.stringify(suite.figures()));
    await suite.dispose();
    await database?.drop();
  });
  for (const attack of suite.cases) it(attack.name, () => attack.run(), 600_000);
});
