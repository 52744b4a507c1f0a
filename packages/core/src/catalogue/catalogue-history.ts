import type { Catalogue } from './catalogue.js';

/** The versions of one catalogue, in the order they were adopted. */
export type CatalogueHistory = readonly Catalogue[];

/**
 * The catalogue version in force on a date: the latest `effectiveFrom` on or before it; of
 * versions effective the same day, the one adopted last.
 */
export function catalogueInForceOn(history: CatalogueHistory, date: string): Catalogue | undefined {
  let inForce: Catalogue | undefined;
  for (const catalogue of history) {
    if (
      catalogue.effectiveFrom <= date &&
      (inForce === undefined || catalogue.effectiveFrom >= inForce.effectiveFrom)
    ) {
      inForce = catalogue;
    }
  }
  return inForce;
}

/** A version of the catalogue by its version string. */
export function catalogueVersion(history: CatalogueHistory, version: string): Catalogue | undefined {
  return history.find((catalogue) => catalogue.version === version);
}
