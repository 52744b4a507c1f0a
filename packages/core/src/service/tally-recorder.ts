import type { LoadedSheet } from './kept-sheet.js';
import type { ServiceContext } from './service-context.js';
import type { SheetCache } from './sheet-cache.js';
import { createSheetLoader, type SheetLoader } from './sheet-loader.js';
import type { SheetOpener } from './sheet-opener.js';
import { createSheetWriter, type SheetWriter, sheetPlan } from './sheet-writes.js';
import { createTallyCommand, type TallyCommandHandler } from './tally-command.js';

/** Records on tally sheets: opens (and registers) sheets, decides tallies, writes them sealed. */
export interface TallyRecorder {
  /** A tally command from untrusted input (`viaSeries` only from the series keeper). */
  readonly tally: TallyCommandHandler;
  /** Writes events on a sheet through a decision of the caller's (a series' end). */
  readonly writeSheet: SheetWriter;
  /** Loads a sheet's detail stream with its key. */
  readonly loadSheet: SheetLoader;
  /** Keeps a sheet's newest loaded state (after a write made elsewhere). */
  remember(loaded: LoadedSheet): void;
  /** The plan that writes tally events on a sheet. */
  readonly sheetPlan: typeof sheetPlan;
}

/** A tally recorder for a service: its sheet loader, its writer of service events, and the tally command. */
export function createTallyRecorder(
  context: ServiceContext,
  cache: SheetCache,
  openSheet: SheetOpener,
): TallyRecorder {
  const loadSheet = createSheetLoader(context, cache);
  return {
    tally: createTallyCommand(context, cache, openSheet, loadSheet),
    writeSheet: createSheetWriter(context, cache, openSheet, loadSheet),
    loadSheet,
    sheetPlan,
    remember: cache.remember,
  };
}
