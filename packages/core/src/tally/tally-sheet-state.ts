import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import type { VoidableTally } from './events.js';

/** What the sheet knows about one tally on it: the tally itself (a void carries it), and whether it was voided. */
export interface TallyEntry {
  readonly tally: VoidableTally;
  readonly voided: boolean;
}

/**
 * Tallies by id, in buckets by the id's first character: immer copies only the small root
 * and the bucket a new tally lands in, not every tally on the sheet.
 */
export type TallyIndex = Readonly<Record<string, Readonly<Record<string, TallyEntry>>>>;

/** The bucket of a tally id in a {@link TallyIndex}. */
export const tallyBucket = (tallyId: string): string => tallyId.charAt(0);

/** A tally on a sheet, by id. */
export function findTally(tallies: TallyIndex, tallyId: string): TallyEntry | undefined {
  return tallies[tallyBucket(tallyId)]?.[tallyId];
}

/** The state a tally-sheet decision needs: the catalogue's history and the sheet's tallies. */
export interface TallySheetState {
  readonly catalogues: CatalogueHistory;
  readonly tallies: TallyIndex;
  /** Closed for sealing: nothing more is tallied on the sheet. */
  readonly closed: boolean;
}

/** A sheet with no tallies and no catalogue. */
export const emptyTallySheet: TallySheetState = { catalogues: [], tallies: {}, closed: false };
