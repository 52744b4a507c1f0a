/**
 * In-memory storage for pinnstatistik: the embedded default `EventStore` and a `KeyStore`.
 *
 * @packageDocumentation
 */
export { createMemoryEventStore, type MemoryEventStoreOptions } from './memory-event-store.js';
export { createMemoryKeyStore } from './memory-key-store.js';
