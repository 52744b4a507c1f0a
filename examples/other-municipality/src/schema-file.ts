import { readFileSync, writeFileSync } from 'node:fs';
import { catalogueJsonSchema } from '@pinnstatistik/core';
import { schemaFile } from './catalogue-files.js';

/** The JSON Schema as `catalogueJsonSchema()` generates it now, as the text written to the file. */
export function generatedSchemaText(): string {
  return `${JSON.stringify(catalogueJsonSchema(), null, 2)}\n`;
}

/** The schema committed next to the catalogue, parsed. */
export function committedSchema(path: string = schemaFile): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Writes the generated schema next to the catalogue (then `biome format` lays it out). */
export function writeSchema(path: string = schemaFile): void {
  writeFileSync(path, generatedSchemaText());
}
