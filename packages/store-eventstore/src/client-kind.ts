import type { EventStoreDBClient } from '@eventstore/db-client';
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { ClientSeam, EventStoreDbClientKind } from './client-seam.js';
import { eventStoreDbClientSeam } from './eventstore-db-client-seam.js';
import { kurrentDbClientSeam } from './kurrentdb-client-seam.js';

/**
 * The part of a client the store uses. An `EventStoreDBClient` (`@eventstore/db-client`) and a
 * `KurrentDBClient` (`@kurrent/kurrentdb-client`) both have it.
 */
export interface EventStoreDbClientLike {
  appendToStream(...args: never[]): Promise<unknown>;
  readStream(...args: never[]): unknown;
  readAll(...args: never[]): unknown;
  subscribeToAll(...args: never[]): unknown;
  dispose(): Promise<void>;
}

/** Which package a client comes from: only `KurrentDBClient` has `multiStreamAppend`. */
export function detectClientKind(client: EventStoreDbClientLike): EventStoreDbClientKind {
  return typeof (client as { multiStreamAppend?: unknown }).multiStreamAppend === 'function'
    ? 'kurrentdb-client'
    : 'eventstore-db-client';
}

/** The seam for a client of the given (or detected) package. */
export function seamFor(client: EventStoreDbClientLike, kind = detectClientKind(client)): ClientSeam {
  return kind === 'kurrentdb-client'
    ? kurrentDbClientSeam(client as unknown as KurrentDBClient)
    : eventStoreDbClientSeam(client as unknown as EventStoreDBClient);
}

/** The client package a connection string is written for: `esdb://` for EventStoreDB's, `kurrentdb://` (`kurrent://`, `kdb://`) for KurrentDB's. */
export function clientKindOfConnectionString(connectionString: string): EventStoreDbClientKind {
  const scheme = /^([a-z]+)(?:\+discover)?:\/\//i.exec(connectionString)?.[1]?.toLowerCase();
  if (scheme === 'esdb') return 'eventstore-db-client';
  if (scheme === 'kurrentdb' || scheme === 'kurrent' || scheme === 'kdb') return 'kurrentdb-client';
  throw new TypeError('a connection string starts with esdb://, kurrentdb://, kurrent:// or kdb://');
}
