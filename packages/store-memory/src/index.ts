/**
 * In-memory storage for pinnstatistik: the embedded default `EventStore` and a `KeyStore`.
 *
 * @packageDocumentation
 * @module @pinnstatistik/store-memory
 */

export { createFileKeyStore } from './file-key-store.js';
export { createMemoryEventStore, type MemoryEventStoreOptions } from './memory-event-store.js';
export { createMemoryKeyStore } from './memory-key-store.js';
