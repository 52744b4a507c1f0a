import {
  AdoptCatalogueSchema,
  type Catalogue,
  type CatalogueAdopted,
  catalogueDecider,
  parseInput,
} from '@pinnstatistik/core';
import { given } from '@pinnstatistik/core/testing';

/**
 * Given these catalogue versions already adopted, when this untrusted `AdoptCatalogue`
 * input … — the catalogue decider's given/when/then (`CATALOGUE_REJECTED`,
 * `CATALOGUE_VERSION_EXISTS`, and nothing happening when the same version is adopted again).
 */
export function givenCatalogue(adoptedVersions: readonly Catalogue[]) {
  const history: CatalogueAdopted[] = adoptedVersions.map((catalogue) => ({
    type: 'CatalogueAdopted',
    data: { catalogue },
  }));
  return given(catalogueDecider, history, (input) => parseInput(AdoptCatalogueSchema, input));
}
