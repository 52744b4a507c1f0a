import { vaggerydCatalogue } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { testCommandId } from '../service/test-command-id.js';
import { givenCatalogue } from './given-catalogue.js';

const catalogue = vaggerydCatalogue();
const adopt = (content: unknown) => ({
  type: 'AdoptCatalogue',
  commandId: testCommandId('adopt'),
  catalogue: content,
});

describe('givenCatalogue', () => {
  it('adopts a new version', () => {
    givenCatalogue([])
      .when(adopt(catalogue))
      .then([{ type: 'CatalogueAdopted', data: { catalogue } }]);
  });

  it('changes nothing when the same version is adopted again, and refuses new content under it', () => {
    givenCatalogue([catalogue]).when(adopt(catalogue)).thenNothingHappens();
    givenCatalogue([catalogue])
      .when(adopt({ ...catalogue, effectiveFrom: '2025-03-01' }))
      .thenRefuses('CATALOGUE_VERSION_EXISTS');
  });

  it('refuses an invalid catalogue, and input that is not an adoption', () => {
    const refusal = givenCatalogue([])
      .when(adopt({ ...catalogue, interventions: [] }))
      .thenRefuses('CATALOGUE_REJECTED');
    expect(refusal.message.en).toMatch(/invalid/);
    givenCatalogue([])
      .when({ ...adopt(catalogue), note: 'x' })
      .thenRefuses('INVALID_INPUT');
  });

  it('fails with a readable message', () => {
    expect(() =>
      givenCatalogue([catalogue]).when(adopt(catalogue)).thenRefuses('CATALOGUE_REJECTED'),
    ).toThrow('expected a refusal with CATALOGUE_REJECTED, but the command was accepted with 0 event(s): ');
  });
});
