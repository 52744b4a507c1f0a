import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { type Catalogue, CatalogueSchema } from './catalogue.js';
import { toValidationIssues, type ValidationIssue } from './validation-issue.js';

/** A catalogue that could not be read, with every problem located by a JSON Pointer. */
export interface CatalogueInvalid {
  readonly code: 'CATALOGUE_INVALID';
  readonly issues: readonly ValidationIssue[];
}

/** Structural guard for {@link CatalogueInvalid}. */
export function isCatalogueInvalid(value: unknown): value is CatalogueInvalid {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { code?: unknown }).code === 'CATALOGUE_INVALID' &&
    Array.isArray((value as { issues?: unknown }).issues)
  );
}

/** Validates a catalogue given as a value (e.g. parsed JSON). */
export function parseCatalogue(input: unknown): E.Either<CatalogueInvalid, Catalogue> {
  const result = CatalogueSchema.safeParse(input);
  return result.success
    ? E.right(result.data)
    : E.left({ code: 'CATALOGUE_INVALID', issues: toValidationIssues(result.error) });
}

/** Validates a catalogue given as JSON text; a syntax error is reported at the root path. */
export function parseCatalogueJson(text: string): E.Either<CatalogueInvalid, Catalogue> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unreadable JSON';
    return E.left({
      code: 'CATALOGUE_INVALID',
      issues: [{ path: '', message: `not valid JSON: ${reason}` }],
    });
  }
  return parseCatalogue(value);
}

/** The catalogue's JSON Schema (draft 2020-12), for editors and other tools. Cross-references are checked only by {@link parseCatalogue}. */
export function catalogueJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(CatalogueSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
