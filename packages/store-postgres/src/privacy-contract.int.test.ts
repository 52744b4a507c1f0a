import { privacyContract } from '@pinnstatistik/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresEventStore } from './postgres-event-store.js';
import { createPostgresKeyStore } from './postgres-key-store.js';

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.drop());

describe('postgres stores: the privacy contract', () => {
  let schemas = 0;
  for (const contractCase of privacyContract()) {
    it(contractCase.name, () =>
      contractCase.run(async () => {
        schemas += 1;
        const schema = `privacy_${schemas}`;
        const store = await createPostgresEventStore({ connection: database.url, schema });
        const keys = await createPostgresKeyStore({ connection: database.url, schema });
        return { store, keys, dispose: async () => void (await Promise.all([store.close(), keys.close()])) };
      }),
    );
  }
});
