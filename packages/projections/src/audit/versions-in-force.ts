import type { Catalogue } from '@pinnstatistik/core';

/** Catalogue versions in force at some day of a month. */
export function versionsInForceDuring(catalogues: readonly Catalogue[], period: string): Set<string> {
  const start = `${period}-01`;
  const end = `${period}-31`;
  const versions = new Set<string>();
  let atStart: Catalogue | undefined;
  for (const catalogue of catalogues) {
    if (
      catalogue.effectiveFrom <= start &&
      (atStart === undefined || catalogue.effectiveFrom >= atStart.effectiveFrom)
    )
      atStart = catalogue;
    if (catalogue.effectiveFrom > start && catalogue.effectiveFrom <= end) versions.add(catalogue.version);
  }
  if (atStart !== undefined) versions.add(atStart.version);
  return versions;
}
