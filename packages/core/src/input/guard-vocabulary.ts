import type { Catalogue } from '../catalogue/catalogue.js';
import { dimensionValues } from '../catalogue/dimension-values.js';

const cache = new WeakMap<Catalogue, ReadonlySet<string>>();

/**
 * A catalogue's own words: its id, the ids of its interventions, units, dimensions and code
 * lists, and every value a dimension may take. They were scanned when the catalogue was
 * adopted, so a string equal to one skips the guard's scan, and a pointer may name one.
 */
export function catalogueVocabulary(catalogue: Catalogue): ReadonlySet<string> {
  let words = cache.get(catalogue);
  if (words === undefined) {
    const set = new Set<string>([catalogue.id]);
    for (const policy of catalogue.interventions) set.add(policy.id);
    for (const unit of catalogue.units) set.add(unit.id);
    for (const name of Object.keys(catalogue.codeLists)) set.add(name);
    for (const dimension of catalogue.dimensions) {
      set.add(dimension.id);
      for (const value of dimensionValues(dimension, catalogue)) set.add(value);
    }
    words = set;
    cache.set(catalogue, words);
  }
  return words;
}
