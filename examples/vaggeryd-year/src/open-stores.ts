import type { EventStore, KeyStore } from '@pinnstatistik/core';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';

/** The stores the demo runs on, and how to let them go. */
export interface DemoStores {
  readonly store: EventStore;
  readonly keys: KeyStore;
  readonly description: string;
  /** The same, in Swedish. */
  readonly descriptionSv: string;
  close(): Promise<void>;
}

/**
 * In memory by default. `PINNSTATISTIK_STORE` (or `ESDB_CONNECTION_STRING`) picks a server:
 * `esdb://…`/`kurrentdb://…` for EventStoreDB/KurrentDB (keys then stay in memory for the run),
 * `postgres://…` for PostgreSQL (events and keys in the database). A `target` given overrides them.
 */
export async function openStores(
  target: string | undefined = process.env.PINNSTATISTIK_STORE ?? process.env.ESDB_CONNECTION_STRING,
): Promise<DemoStores> {
  if (target === undefined || target === '' || target === 'memory') {
    return {
      store: createMemoryEventStore(),
      keys: createMemoryKeyStore(),
      description: 'in memory',
      descriptionSv: 'i minnet',
      close: async () => undefined,
    };
  }
  if (/^(esdb|esdb\+discover|kurrentdb|kurrent|kdb)(\+discover)?:\/\//.test(target)) {
    const { connectEventStoreDbStore } = await import('@pinnstatistik/store-eventstore');
    const store = await connectEventStoreDbStore(target);
    return {
      store,
      keys: createMemoryKeyStore(),
      description: `EventStoreDB at ${new URL(target).host}`,
      descriptionSv: `i EventStoreDB på ${new URL(target).host}`,
      close: () => store.close(),
    };
  }
  if (/^postgres(ql)?:\/\//.test(target)) {
    const { createPostgresEventStore, createPostgresKeyStore } = await import(
      '@pinnstatistik/store-postgres'
    );
    const store = await createPostgresEventStore({ connection: target });
    const keys = await createPostgresKeyStore({ connection: target });
    return {
      store,
      keys,
      description: `PostgreSQL at ${new URL(target).host}`,
      descriptionSv: `i PostgreSQL på ${new URL(target).host}`,
      close: async () => {
        await store.close();
        await keys.close();
      },
    };
  }
  throw new Error(
    `PINNSTATISTIK_STORE must be memory, esdb://…, kurrentdb://… or postgres://…, not ${target}`,
  );
}
