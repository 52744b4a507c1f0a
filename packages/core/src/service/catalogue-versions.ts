import type { KeyStore } from '../ports/key-store.js';

/**
 * Key-store slots vouching for catalogue versions. The event store can be written by anyone who
 * can write to it, and a hash chain needs no key: a `CatalogueAdopted` appended by hand, chained
 * after the operator's versions, was folded by every reader — and since the joint protection keeps
 * a catalogue identity only where every adopted version states it, one forged version stripped
 * attack 39's identity from every report (attack 44, round 2). The key store cannot be written by
 * such an attacker, so the service that adopts a version registers its chain hash (hex) there
 * before it is appended, and a reader holding the keys folds no version it does not find.
 * Only a slot's existence matters; slots are never destroyed by the library.
 */
export const catalogueVersionId = (hash: string): string => `catalogue-version-${hash}`;

/**
 * The slot saying every catalogue version of the store with this origin is registered: made when
 * the store's catalogue stream begins (the adopting service), or by the operator's one-off step for
 * a store adopted before versions were registered. Without it a reader folds every version of a
 * store whose origin the key store knows (adopted by an earlier release), and none of any other.
 */
export const catalogueVersionsRegisteredId = (origin: string): string => `catalogue-versions-of-${origin}`;

/** Registers an adopted version's chain hash (nothing happens when it is registered). */
export async function registerCatalogueVersion(keys: KeyStore, hash: string): Promise<void> {
  await keys.create(catalogueVersionId(hash));
}

/** Marks every version of the store with this origin as registered: from now on, no other is folded. */
export async function markCatalogueVersionsRegistered(keys: KeyStore, origin: string): Promise<void> {
  await keys.create(catalogueVersionsRegisteredId(origin));
}

/** Whether the key store vouches for the version with this chain hash. */
export async function isRegisteredCatalogueVersion(keys: KeyStore, hash: string): Promise<boolean> {
  return (await keys.get(catalogueVersionId(hash))) !== undefined;
}

/** Whether the store with this origin registers its versions. */
export async function registersCatalogueVersions(keys: KeyStore, origin: string): Promise<boolean> {
  return (await keys.get(catalogueVersionsRegisteredId(origin))) !== undefined;
}
