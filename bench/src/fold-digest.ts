import { createHash } from 'node:crypto';
import type { SheetTables } from '@pinnstatistik/core';

/** The dimensions whose marginals are the "age band" of the PEERS fold. */
export const AGE_DIMENSIONS = ['adultAge', 'individualAge', 'childAge'] as const;

/**
 * The fold every implementation must agree on (the PEERS fold on our events): tallies per
 * intervention × month, contacts per intervention × month × gender, and contacts per
 * intervention × age band. Counts by key; the digest is a SHA-256 of the sorted entries.
 */
export type FoldCounts = Map<string, number>;

/** Adds to a count. */
export function bump(counts: FoldCounts, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The digest of a fold: equal folds have equal digests, whatever the order they were counted in. */
export function foldDigest(counts: FoldCounts): string {
  const entries = [...counts]
    .filter(([, count]) => count !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
}

/** The fold from a cube's sheet tables (open detail and sealed tables alike). */
export function foldOfSheets(
  sheets: Iterable<{ interventionId: string; period: string; tables: SheetTables }>,
): FoldCounts {
  const counts: FoldCounts = new Map();
  for (const { interventionId, period, tables } of sheets) {
    bump(
      counts,
      `t|${interventionId}|${period}`,
      tables.contacts + tables.groupMeetings + tables.visitorSessions,
    );
    for (const [gender, cell] of Object.entries(tables.marginals.gender ?? {}))
      bump(counts, `g|${interventionId}|${period}|${gender}`, cell);
    for (const dimension of AGE_DIMENSIONS)
      for (const [band, cell] of Object.entries(tables.marginals[dimension] ?? {}))
        bump(counts, `a|${interventionId}|${dimension}|${band}`, cell);
  }
  return counts;
}
