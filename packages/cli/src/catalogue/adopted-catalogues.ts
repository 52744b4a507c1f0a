import { type Catalogue, decodeInner, type EventStore, readHeader } from '@pinnstatistik/core';

/** Every catalogue version adopted in a log, in order (a catalogue is public policy: its events are plain). */
export async function adoptedCatalogues(store: EventStore): Promise<Catalogue[]> {
  const catalogues: Catalogue[] = [];
  for await (const event of store.readAll()) {
    if (event.type !== 'CatalogueAdopted' || readHeader(event.metadata)?.codec !== 'plain') continue;
    const catalogue = (decodeInner(event.data)?.data as { catalogue?: Catalogue } | undefined)?.catalogue;
    if (catalogue !== undefined) catalogues.push(catalogue);
  }
  return catalogues;
}
