import { describe, expect, it } from 'vitest';
import { given } from '../testing/given-when-then.js';
import { type AdoptCatalogue, catalogueDecider } from './adopt-catalogue.js';
import type { Catalogue } from './catalogue.js';
import { catalogueInForceOn } from './catalogue-history.js';
import { vaggerydCatalogueV1_0 } from './vaggeryd/v1-0/catalogue.js';
import { vaggerydCatalogue } from './vaggeryd/vaggeryd-catalogue.js';

const adopt = (catalogue: Catalogue, commandId = '3f1e7c2a-9b4d-4e8f-a1c2-0d9e8f7a6b5c'): AdoptCatalogue => ({
  type: 'AdoptCatalogue',
  commandId,
  catalogue,
});
const adoptedEvent = (catalogue: Catalogue) => ({ type: 'CatalogueAdopted' as const, data: { catalogue } });

describe('adopting version 1.1 of the Vaggeryd catalogue', () => {
  it('a fresh log adopts 1.1 alone, in force from 2025-01-01', () => {
    given(catalogueDecider, [])
      .when(adopt(vaggerydCatalogue()))
      .then((events) => {
        expect(events.map((event) => event.data.catalogue.version)).toEqual(['1.1']);
        expect(events[0]?.data.catalogue.effectiveFrom).toBe('2025-01-01');
      });
  });

  it('a log that holds 1.0 cannot take 1.1 from the same day: 1.1 would take over every date 1.0 governed', () => {
    const refusal = given(catalogueDecider, [adoptedEvent(vaggerydCatalogueV1_0())])
      .when(adopt(vaggerydCatalogue()))
      .thenRefuses('CATALOGUE_REJECTED');
    expect(refusal.message.en).toContain('/effectiveFrom');
  });

  it('a log that holds 1.0 adopts 1.1 from a later day, and 1.0 still governs its own dates', () => {
    const v1_0 = vaggerydCatalogueV1_0();
    const v1_1 = vaggerydCatalogue({ effectiveFrom: '2026-01-01' });
    given(catalogueDecider, [adoptedEvent(v1_0)])
      .when(adopt(v1_1))
      .then((events) => {
        const history = [v1_0, ...events.map((event) => event.data.catalogue)];
        expect(catalogueInForceOn(history, '2025-12-31')?.version).toBe('1.0');
        expect(catalogueInForceOn(history, '2026-01-01')?.version).toBe('1.1');
      });
  });

  it('adopting the same 1.1 again on every start changes nothing; another day for 1.1 is refused', () => {
    const v1_1 = vaggerydCatalogue({ effectiveFrom: '2026-01-01' });
    const history = [adoptedEvent(vaggerydCatalogueV1_0()), adoptedEvent(v1_1)];
    given(catalogueDecider, history).when(adopt(v1_1)).thenNothingHappens();
    given(catalogueDecider, history)
      .when(adopt(vaggerydCatalogue({ effectiveFrom: '2026-02-01' })))
      .thenRefuses('CATALOGUE_VERSION_EXISTS');
  });

  it('re-adopting 1.0 with new content is refused', () => {
    given(catalogueDecider, [adoptedEvent(vaggerydCatalogueV1_0())])
      .when(adopt({ ...vaggerydCatalogue(), version: '1.0' }))
      .thenRefuses('CATALOGUE_VERSION_EXISTS');
  });
});
