/**
 * The pinnstatistik `EventStore` on EventStoreDB / KurrentDB, through `@eventstore/db-client`
 * or `@kurrent/kurrentdb-client` (peer dependencies: install the one you use).
 *
 * @packageDocumentation
 * @module @pinnstatistik/store-eventstore
 */

/** How `appendBatch` retries a part after a connection fault. */
export type { BatchRetryPolicy } from './append-batch.js';
/** The part of a client the store uses; both client packages' clients have it. */
export type { EventStoreDbClientLike } from './client-kind.js';
/** Which client package a store drives. */
export type { EventStoreDbClientKind } from './client-seam.js';
/** Connects with a connection string, loading the client package its scheme names. */
export { type ConnectEventStoreDbOptions, connectEventStoreDbStore } from './connect.js';
/** How subscriptions retry after failures. */
export type { SubscriptionRetryPolicy } from './esdb-subscription.js';
/** Creates the store over a client you made. */
export {
  createEventStoreDbStore,
  type EventStoreDbStore,
  type EventStoreDbStoreOptions,
} from './event-store-db-store.js';
