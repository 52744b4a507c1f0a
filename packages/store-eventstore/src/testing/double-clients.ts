import type { EventStoreDbClientKind } from '../client-seam.js';
import {
  createEventStoreDbStore,
  type EventStoreDbStore,
  type EventStoreDbStoreOptions,
} from '../event-store-db-store.js';
import { type EsdbDouble, type EsdbDoubleOptions, startEsdbDouble } from './esdb-double.js';

/** One way of talking to the double: which client package, and which append path the server offers. */
export interface DoubleCombination {
  readonly client: EventStoreDbClientKind;
  readonly appendPath: 'BatchAppend' | 'Append';
}

/** Both append paths of one client package. */
export function combinationsOf(client: EventStoreDbClientKind): readonly DoubleCombination[] {
  return [
    { client, appendPath: 'BatchAppend' },
    { client, appendPath: 'Append' },
  ];
}

/**
 * A real client of the given package connected to the double. Loaded on demand: the two
 * packages' generated protocol code registers the same classes in google-protobuf's global
 * namespace, so loading both in one process breaks whichever loaded first. Each test file
 * therefore drives one package (vitest isolates test files).
 */
export async function clientFor(kind: EventStoreDbClientKind, connectionString: string) {
  return kind === 'kurrentdb-client'
    ? (await import('@kurrent/kurrentdb-client')).KurrentDBClient.connectionString(connectionString)
    : (await import('@eventstore/db-client')).EventStoreDBClient.connectionString(connectionString);
}

/** A fresh double serving the combination, and a store on it through the real client. */
export async function storeOnDouble(
  combination: DoubleCombination,
  options: Omit<EsdbDoubleOptions, 'protos' | 'serverFeatures'> = {},
  storeOptions: Omit<EventStoreDbStoreOptions, 'client'> = {},
): Promise<{ double: EsdbDouble; store: EventStoreDbStore; dispose(): Promise<void> }> {
  const double = await startEsdbDouble({
    ...options,
    protos: combination.client,
    serverFeatures: combination.appendPath === 'BatchAppend' ? 'batch-append' : 'unimplemented',
  });
  const client = await clientFor(combination.client, double.connectionString());
  const store = createEventStoreDbStore({ client, disposeClient: true, ...storeOptions });
  return {
    double,
    store,
    async dispose() {
      await store.close();
      await double.close();
    },
  };
}
