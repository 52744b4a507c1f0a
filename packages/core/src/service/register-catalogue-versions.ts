import * as E from 'fp-ts/lib/Either.js';
import { type ChainLink, checkLink } from '../envelope/chain-verifier.js';
import { readHeader } from '../envelope/envelope-header.js';
import { toHex } from '../merkle/encoding.js';
import type { EventStore } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import { catalogueStream } from '../streams.js';
import { markCatalogueVersionsRegistered, registerCatalogueVersion } from './catalogue-versions.js';

/** Why a store's catalogue versions could not be registered. */
export type CatalogueVersionsNotRegistered =
  | { readonly code: 'STORE_HAS_NO_CATALOGUE' }
  | { readonly code: 'CATALOGUE_CHAIN_BROKEN'; readonly revision: number };

/**
 * The operator's one-off step for a store whose catalogue was adopted before versions were
 * registered: registers every version its catalogue stream holds now, and marks the store, so
 * readers holding the keys fold no version appended after. Only for a store the operator knows to
 * be genuine (verified against a signed checkpoint): registering accepts every version it holds.
 * A stream whose chain does not hold is refused and nothing is marked.
 */
export async function registerCatalogueVersions(
  store: EventStore,
  keys: KeyStore,
  catalogueId: string,
): Promise<E.Either<CatalogueVersionsNotRegistered, { readonly origin: string; readonly versions: number }>> {
  const stream = catalogueStream(catalogueId);
  const hashes: string[] = [];
  let link: ChainLink | undefined;
  for await (const event of store.readStream(stream)) {
    if (checkLink(event, link, stream) !== undefined)
      return E.left({ code: 'CATALOGUE_CHAIN_BROKEN', revision: event.revision });
    const hash = (readHeader(event.metadata) as { hash: Uint8Array }).hash;
    link = { revision: event.revision, hash };
    hashes.push(toHex(hash));
  }
  const origin = hashes[0];
  if (origin === undefined) return E.left({ code: 'STORE_HAS_NO_CATALOGUE' });
  for (const hash of hashes) await registerCatalogueVersion(keys, hash);
  await markCatalogueVersionsRegistered(keys, origin);
  return E.right({ origin, versions: hashes.length });
}
