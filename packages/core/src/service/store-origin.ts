import type { KeyStore } from '../ports/key-store.js';

/**
 * The key-store slot saying this key store knows a store whose catalogue stream begins with the
 * event of hash `origin` (hex): made by the service that writes that event, before it is appended.
 * Only its existence matters. The event store can be rewritten by anyone who can write to it —
 * the catalogue stream re-chained gives the store another origin — but the key store cannot, so a
 * reader bound to the origin (projections' releases) can tell a store it knows from one it does
 * not (attack 42). Slots are never destroyed by the library.
 */
export const storeOriginId = (origin: string): string => `store-origin-${origin}`;

/** Registers a store's origin (nothing happens when it is registered). */
export async function registerStoreOrigin(keys: KeyStore, origin: string): Promise<void> {
  // Not zeroed: a key store may hand out the material it holds, not a copy.
  await keys.create(storeOriginId(origin));
}

/** Whether the key store knows the origin. */
export async function isRegisteredStoreOrigin(keys: KeyStore, origin: string): Promise<boolean> {
  return (await keys.get(storeOriginId(origin))) !== undefined;
}
