import { readFileSync } from 'node:fs';
import { type Catalogue, type CatalogueInvalid, parseCatalogueJson } from '@pinnstatistik/core';
import type * as E from 'fp-ts/lib/Either.js';
import { catalogueFile } from './catalogue-files.js';

/** Reads a catalogue file and validates it: the catalogue, or every problem located by a JSON Pointer. */
export function loadCatalogue(path: string = catalogueFile): E.Either<CatalogueInvalid, Catalogue> {
  return parseCatalogueJson(readFileSync(path, 'utf8'));
}
