import { eventStoreContract } from '@pinnstatistik/core/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresEventStore } from './postgres-event-store.js';

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.drop());

describe('postgres event store: the store contract', () => {
  let schemas = 0;
  for (const contractCase of eventStoreContract()) {
    it(contractCase.name, () =>
      contractCase.run(async () => {
        schemas += 1;
        const store = await createPostgresEventStore({
          connection: database.url,
          schema: `contract_${schemas}`,
        });
        return { store, dispose: () => store.close() };
      }),
    );
  }
});
