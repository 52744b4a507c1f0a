import type { Catalogue } from '../catalogue/catalogue.js';
import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import { openEvent } from '../envelope/open-event.js';
import type { EventStore } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import { catalogueStream } from '../streams.js';
import { createCatalogueVersionVetting } from './catalogue-version-vetting.js';
import { registersCatalogueVersions } from './catalogue-versions.js';
import { isRegisteredStoreOrigin } from './store-origin.js';

/**
 * A catalogue stream as the key store sees it: the versions it vouches for, in the order they were
 * adopted, and whether the stream is one the key store knows — begun by a service of this key
 * store or registered by the operator (`none`: no stream yet).
 */
export interface VettedCatalogueStream {
  readonly versions: CatalogueHistory;
  /** The ids of the stream's events the key store vouches for (a receipt answers only for these). */
  readonly eventIds: ReadonlySet<string>;
  readonly standing: 'none' | 'known' | 'unknown';
}

/**
 * Reads a catalogue stream, each event's hash worked out from its bytes (see
 * {@link createCatalogueVersionVetting}). A version chained in by anyone who can write to the store
 * is left out — the service would otherwise take tallies under a policy nobody adopted.
 */
export async function vetCatalogueStream(
  store: EventStore,
  keys: KeyStore,
  catalogueId: string,
): Promise<VettedCatalogueStream> {
  const vetting = createCatalogueVersionVetting(keys);
  const versions: Catalogue[] = [];
  const eventIds = new Set<string>();
  for await (const event of store.readStream(catalogueStream(catalogueId))) {
    if (!(await vetting.vet(event))) continue;
    eventIds.add(event.id);
    const opened = openEvent(event);
    const catalogue = opened.readable && opened.type === 'CatalogueAdopted' ? opened.data : undefined;
    if (catalogue !== undefined) versions.push((catalogue as unknown as { catalogue: Catalogue }).catalogue);
  }
  const [head] = vetting.heads();
  if (head === undefined) return { versions, eventIds, standing: 'none' };
  const known =
    head.origin !== null &&
    ((await registersCatalogueVersions(keys, head.origin)) ||
      (await isRegisteredStoreOrigin(keys, head.origin)));
  return { versions, eventIds, standing: known ? 'known' : 'unknown' };
}

/** The versions of a catalogue the key store vouches for, in the order they were adopted. */
export async function vettedCatalogues(
  store: EventStore,
  keys: KeyStore,
  catalogueId: string,
): Promise<CatalogueHistory> {
  return (await vetCatalogueStream(store, keys, catalogueId)).versions;
}
