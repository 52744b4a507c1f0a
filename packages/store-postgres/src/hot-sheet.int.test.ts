import {
  type CommandService,
  createChainVerifier,
  createCommandService,
  type EventStore,
  fixedClock,
  type KeyStore,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FreshDatabase, freshDatabase } from '../test/fresh-database.js';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store.js';
import { createPostgresKeyStore, type PostgresKeyStore } from './postgres-key-store.js';

// Writers in several processes on one hot sheet, through the command path: each writer has a
// pool and a service of its own (as a process would), all share the database and the keys.

let database: FreshDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.drop());

const WRITERS = 4;
const IN_FLIGHT = 3;
const PER_LOOP = 8;
const clock = fixedClock('2025-12-31T12:00:00Z');
let serial = 0;
const uuid = (): string => {
  serial += 1;
  return `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
};

async function writers(schema: string, options: { turns: boolean; maxConflictRetries?: number }) {
  const stores: PostgresEventStore[] = [];
  const keyStores: PostgresKeyStore[] = [];
  const services: CommandService[] = [];
  for (let index = 0; index < WRITERS; index += 1) {
    const store = await createPostgresEventStore({ connection: database.url, schema, listen: false });
    const keys: KeyStore = await createPostgresKeyStore({
      connection: database.url,
      schema: `${schema}_keys`,
    });
    stores.push(store);
    keyStores.push(keys as PostgresKeyStore);
    // Without turns the writers meet only through expected revisions.
    const seen: EventStore = options.turns ? store : { ...store, exclusive: undefined };
    const service = createCommandService({
      store: seen,
      keys,
      catalogueId: 'vaggeryd',
      clock,
      ...(options.maxConflictRetries === undefined ? {} : { maxConflictRetries: options.maxConflictRetries }),
    });
    const adopted = await service.adoptCatalogue({
      type: 'AdoptCatalogue',
      commandId: '00000000-0000-4000-8000-999999999999',
      catalogue: vaggerydCatalogue(),
    });
    if (E.isLeft(adopted)) throw new Error(adopted.left.code);
    services.push(service);
  }
  const tally = (service: CommandService) =>
    service.tally({
      type: 'TallyContact',
      commandId: uuid(),
      interventionId: 'motesplats-uppsokande',
      unitId: 'motesplats',
      date: '2025-03-14',
      marks: { gender: 'female' },
    });
  return {
    stores,
    tally,
    run: async () => {
      const first = await tally(services[0] as CommandService);
      if (E.isLeft(first)) throw new Error(first.left.code);
      const results = await Promise.all(
        services.flatMap((service) =>
          Array.from({ length: IN_FLIGHT }, async () => {
            const codes: string[] = [];
            for (let n = 0; n < PER_LOOP; n += 1) {
              const result = await tally(service);
              codes.push(E.isRight(result) ? 'written' : result.left.code);
            }
            return codes;
          }),
        ),
      );
      return results.flat();
    },
    close: () =>
      Promise.all([...stores.map((store) => store.close()), ...keyStores.map((keys) => keys.close())]),
  };
}

const sheetEvents = async (store: EventStore) =>
  (await collect(store.readAll())).filter((event) => event.stream.startsWith('tally-'));

describe('writers in several processes on one hot sheet (real PostgreSQL)', () => {
  it('take turns: every command is written, none is answered CONCURRENCY_CONFLICT, the chain holds', async () => {
    const hot = await writers('hot_turns', { turns: true, maxConflictRetries: 0 });
    try {
      const codes = await hot.run();
      expect(codes.filter((code) => code !== 'written')).toEqual([]);
      const events = await sheetEvents(hot.stores[0] as EventStore);
      expect(events).toHaveLength(1 + WRITERS * IN_FLIGHT * PER_LOOP);
      const verifier = createChainVerifier();
      expect(events.map((event) => verifier.check(event)).filter(Boolean)).toEqual([]);
    } finally {
      await hot.close();
    }
  });

  it('without turns and without retries the same writers collide (what the turns prevent)', async () => {
    const free = await writers('hot_free', { turns: false, maxConflictRetries: 0 });
    try {
      const codes = await free.run();
      expect(codes.filter((code) => code === 'CONCURRENCY_CONFLICT').length).toBeGreaterThan(0);
      expect(codes.filter((code) => code !== 'written' && code !== 'CONCURRENCY_CONFLICT')).toEqual([]);
    } finally {
      await free.close();
    }
  });
});
