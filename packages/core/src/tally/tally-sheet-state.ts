import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import type { VoidableTally } from './events.js';

/** What the sheet knows about one tally on it: the tally itself (a void carries it), and whether it was voided. */
export interface TallyEntry {
  readonly tally: VoidableTally;
  readonly voided: boolean;
}

/** The state a tally-sheet decision needs: the catalogue's history and the sheet's tallies. */
export interface TallySheetState {
  readonly catalogues: CatalogueHistory;
  readonly tallies: Readonly<Record<string, TallyEntry>>;
  /** Closed for sealing: nothing more is tallied on the sheet. */
  readonly closed: boolean;
}

/** A sheet with no tallies and no catalogue. */
export const emptyTallySheet: TallySheetState = { catalogues: [], tallies: {}, closed: false };
