import {
  type Clock,
  type CommandService,
  createCommandService,
  type KeyStore,
  vaggerydCatalogue,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll } from 'vitest';
import { createPostgresEventStore, type PostgresEventStore } from '../src/postgres-event-store.js';
import { createPostgresKeyStore, type PostgresKeyStore } from '../src/postgres-key-store.js';
import { type FreshDatabase, freshDatabase } from './fresh-database.js';

/** Two command services on one schema, each with its own event store and key store connections: two processes. */
export interface TwoProcesses {
  readonly here: CommandService;
  readonly elsewhere: CommandService;
  readonly store: PostgresEventStore;
}

/**
 * Two processes on `schema` of the database at `url`, the Vaggeryd catalogue adopted (as
 * command `adoptedBy`). Every connection opened is pushed to `opened`, for the file to close.
 */
export async function twoProcesses(options: {
  readonly url: string;
  readonly schema: string;
  readonly clock: Clock;
  readonly adoptedBy: string;
  readonly opened: { close(): Promise<void> }[];
  readonly maxConflictRetries?: number;
}): Promise<TwoProcesses> {
  const { url, schema, clock, opened } = options;
  const process = async (): Promise<{ service: CommandService; store: PostgresEventStore }> => {
    const store = await createPostgresEventStore({ connection: url, schema, listen: false });
    const keys: PostgresKeyStore & KeyStore = await createPostgresKeyStore({ connection: url, schema });
    opened.push(store, keys);
    const service = createCommandService({
      store,
      keys,
      catalogueId: 'vaggeryd',
      clock,
      ...(options.maxConflictRetries === undefined ? {} : { maxConflictRetries: options.maxConflictRetries }),
    });
    return { service, store };
  };
  const here = await process();
  const elsewhere = await process();
  const adopted = await here.service.adoptCatalogue({
    type: 'AdoptCatalogue',
    commandId: options.adoptedBy,
    catalogue: vaggerydCatalogue(),
  });
  if (E.isLeft(adopted)) throw new Error(adopted.left.code);
  return { here: here.service, elsewhere: elsewhere.service, store: here.store };
}

/**
 * A fresh database for the calling test file (created before its tests, dropped after, every
 * connection closed), and a way to put two processes on a schema of it.
 */
export function twoProcessesOnAFreshDatabase(): (
  options: Omit<Parameters<typeof twoProcesses>[0], 'url' | 'opened'>,
) => Promise<TwoProcesses> {
  let database: FreshDatabase | undefined;
  const opened: { close(): Promise<void> }[] = [];
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await Promise.all(opened.map((connection) => connection.close()));
    await database?.drop();
  });
  return (options) => {
    if (database === undefined) throw new Error('the database is made before the tests run');
    return twoProcesses({ ...options, url: database.url, opened });
  };
}
