import {
  type Catalogue,
  createCatalogueVersionVetting,
  decodeInner,
  type EventStore,
  type KeyStore,
  readHeader,
  STREAM_PREFIXES,
} from '@pinnstatistik/core';

/**
 * Every catalogue version adopted in a log, in order (a catalogue is public policy: its events are
 * plain), read from catalogue streams only. With the key store, only the versions it vouches for:
 * anyone who can write to the store can chain a `CatalogueAdopted` in (attack 44, round 2).
 */
export async function adoptedCatalogues(store: EventStore, keys?: KeyStore): Promise<Catalogue[]> {
  const vetting = keys === undefined ? undefined : createCatalogueVersionVetting(keys);
  const catalogues: Catalogue[] = [];
  for await (const event of store.readAll()) {
    if (!event.stream.startsWith(STREAM_PREFIXES.catalogue)) continue;
    if (vetting !== undefined && !(await vetting.vet(event))) continue;
    if (event.type !== 'CatalogueAdopted' || readHeader(event.metadata)?.codec !== 'plain') continue;
    const catalogue = (decodeInner(event.data)?.data as { catalogue?: Catalogue } | undefined)?.catalogue;
    if (catalogue !== undefined) catalogues.push(catalogue);
  }
  return catalogues;
}
