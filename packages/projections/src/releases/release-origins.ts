import {
  type CatalogueVersionsNotRegistered,
  type EventStore,
  isRegisteredStoreOrigin,
  type KeyStore,
  registerCatalogueVersions,
  registerStoreOrigin,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { isAnchored } from './release-anchor.js';
import { releaseOrigin } from './release-origin.js';

/**
 * The key-store slot saying this key store knows the origins of the stores it publishes from: made
 * with the first release recorded since origins are registered. Before it, every origin is trusted
 * (a key store of an earlier version registered none); after it, a store whose origin the key
 * store does not know — its catalogue stream re-chained, its releases deleted with their anchors
 * left under the old origin — is refused, not taken for a store that never published (attack 42).
 */
export const RELEASE_ORIGINS_ID = 'release-origins';

/**
 * Whether the key store knows the origin: registered (by the command service when it adopted the
 * catalogue, or by a release), or a release anchored under it (recorded before registration).
 */
export async function isKnownOrigin(keys: KeyStore, origin: string | null): Promise<boolean> {
  if ((await keys.get(RELEASE_ORIGINS_ID)) === undefined) return true;
  if (origin === null) return false;
  return (await isRegisteredStoreOrigin(keys, origin)) || (await isAnchored(keys, origin, 0));
}

/** Registers the origin a release is recorded under, then marks the key store as registering origins. */
export async function registerOrigin(keys: KeyStore, origin: string | null): Promise<void> {
  // A store without a catalogue stream has no origin to register: it stays unknown once marked.
  if (origin === null) return;
  await registerStoreOrigin(keys, origin);
  await keys.create(RELEASE_ORIGINS_ID);
}

/** Why an origin could not be registered. */
export type OriginNotRegistered =
  | { readonly code: 'STORE_HAS_NO_ORIGIN' }
  | { readonly code: 'CATALOGUE_CHAIN_BROKEN'; readonly revision: number };

/**
 * The operator's step for a store the key store does not know (`STORE_ORIGIN_UNKNOWN`): a store
 * whose catalogue was adopted before origins were registered. It also marks the key store as
 * registering origins, ending the trust given to any origin before the first release (run it
 * after an upgrade, once each genuine store is verified against a signed checkpoint). It registers
 * the catalogue versions the store holds as well, so readers holding the keys fold no version
 * appended after (attack 44, round 2). Only for a store the operator knows to be genuine —
 * registering a rewritten store accepts its history, deletions and forged versions all.
 */
export async function registerReleaseOrigin(
  store: EventStore,
  keys: KeyStore,
  catalogueId: string,
): Promise<E.Either<OriginNotRegistered, { readonly origin: string }>> {
  const origin = await releaseOrigin(store, catalogueId);
  if (origin === null) return E.left({ code: 'STORE_HAS_NO_ORIGIN' });
  // The origin's link holds (`releaseOrigin` checked it); a later one that does not names no
  // versions to vouch for, and the origin is not registered either.
  const versions = await registerCatalogueVersions(store, keys, catalogueId);
  if (E.isLeft(versions))
    return E.left({ code: 'CATALOGUE_CHAIN_BROKEN', revision: revisionOf(versions.left) });
  await registerOrigin(keys, origin);
  return E.right({ origin });
}

const revisionOf = (refusal: CatalogueVersionsNotRegistered): number =>
  refusal.code === 'CATALOGUE_CHAIN_BROKEN' ? refusal.revision : 0;
