import { toJsonPointer } from '../catalogue/validation-issue.js';
import { commandVocabulary } from './field-names.js';

/**
 * A JSON Pointer that names only what the library named: array indices and the schema's field
 * names (or the catalogue's ids, when given). It stops at the first key the caller made up —
 * a key may itself be personal data, and a refusal repeats nothing it was sent.
 */
export function safePointer(path: readonly PropertyKey[], catalogueWords?: ReadonlySet<string>): string {
  const { names } = commandVocabulary();
  const kept: PropertyKey[] = [];
  for (const segment of path) {
    if (
      typeof segment === 'number' ||
      (typeof segment === 'string' && (names.has(segment) || catalogueWords?.has(segment) === true))
    )
      kept.push(segment);
    else break;
  }
  return toJsonPointer(kept);
}
