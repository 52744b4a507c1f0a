import type { Catalogue, EventStore } from '@pinnstatistik/core';

/** Every catalogue version adopted in a log, in order. */
export async function adoptedCatalogues(store: EventStore): Promise<Catalogue[]> {
  const catalogues: Catalogue[] = [];
  for await (const event of store.readAll()) {
    if (event.type === 'CatalogueAdopted')
      catalogues.push((event.data as unknown as { catalogue: Catalogue }).catalogue);
  }
  return catalogues;
}
