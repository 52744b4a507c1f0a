import { catalogueJsonSchema } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { committedSchema, generatedSchemaText } from '../src/index.js';

describe('the catalogue’s JSON Schema next to it', () => {
  it('is the one catalogueJsonSchema() generates (run `pnpm --filter @pinnstatistik/example-other-municipality schema` to refresh it)', () => {
    expect(committedSchema()).toEqual(catalogueJsonSchema());
  });

  it('is a closed draft 2020-12 schema: editors flag unknown fields', () => {
    const schema = JSON.parse(generatedSchemaText()) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'version', 'interventions']));
  });
});
