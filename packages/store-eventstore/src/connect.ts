import { clientKindOfConnectionString, type EventStoreDbClientLike } from './client-kind.js';
import type { EventStoreDbClientKind } from './client-seam.js';
import {
  createEventStoreDbStore,
  type EventStoreDbStore,
  type EventStoreDbStoreOptions,
} from './event-store-db-store.js';

/** Options of {@link connectEventStoreDbStore}: the store's, without the client it creates. */
export interface ConnectEventStoreDbOptions
  extends Omit<EventStoreDbStoreOptions, 'client' | 'disposeClient'> {
  /** Which client package to load; by default the connection string's scheme decides. */
  readonly clientKind?: EventStoreDbClientKind;
}

interface ClientModule {
  readonly EventStoreDBClient?: { connectionString(text: string): EventStoreDbClientLike };
  readonly KurrentDBClient?: { connectionString(text: string): EventStoreDbClientLike };
  readonly default?: ClientModule;
}

async function loadClient(
  kind: EventStoreDbClientKind,
  connectionString: string,
): Promise<EventStoreDbClientLike> {
  const module = (
    kind === 'kurrentdb-client'
      ? await import('@kurrent/kurrentdb-client')
      : await import('@eventstore/db-client')
  ) as ClientModule;
  const name = kind === 'kurrentdb-client' ? 'KurrentDBClient' : 'EventStoreDBClient';
  const factory = module[name] ?? module.default?.[name];
  if (factory === undefined) throw new Error(`the client package does not export ${name}`);
  return factory.connectionString(connectionString);
}

/**
 * Connects to EventStoreDB / KurrentDB with a connection string (e.g.
 * `esdb://localhost:2113?tls=false` or `kurrentdb://localhost:2113?tls=false`), loading the
 * client package the scheme names (a peer dependency you install). The store owns that
 * client: `close()` disposes it.
 */
export async function connectEventStoreDbStore(
  connectionString: string,
  options: ConnectEventStoreDbOptions = {},
): Promise<EventStoreDbStore> {
  const clientKind = options.clientKind ?? clientKindOfConnectionString(connectionString);
  const client = await loadClient(clientKind, connectionString);
  return createEventStoreDbStore({ ...options, client, clientKind, disposeClient: true });
}
