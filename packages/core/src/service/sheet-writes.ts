import * as E from 'fp-ts/lib/Either.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { SheetCoordinates, SheetDetailEvent } from '../tally/events.js';
import { evolveKeptSheet, type KeptSheet } from './kept-sheet.js';
import type { Receipt } from './receipt.js';
import type { ServiceContext } from './service-context.js';
import type { OpenSheet, SheetCache } from './sheet-cache.js';
import type { SheetLoader } from './sheet-loader.js';
import type { SheetOpener } from './sheet-opener.js';
import type { Plan } from './writer-command.js';

/** The plan that writes tally events on a sheet: sealed with the sheet's key, padded as a tally. */
export function sheetPlan(
  sheet: OpenSheet,
  commandId: string,
  events: readonly SheetDetailEvent[],
  extra: Partial<Plan<SheetDetailEvent>> = {},
): Plan<SheetDetailEvent> {
  return { commandId, events, privacy: { key: sheet.key, kind: 'tally' }, ...extra };
}

/** The refusal for a sheet whose month is sealed (or whose stream is gone). */
export const sheetSealed = (coordinates: SheetCoordinates) => (): Refusal =>
  refuse.sheetSealed(
    { interventionId: coordinates.interventionId, clause: 'sealing/sheet' },
    coordinates.period,
  );

/** Writes events on a sheet through a decision of the caller's (a series' end). */
export type SheetWriter = (
  coordinates: SheetCoordinates,
  commandId: string,
  decide: (state: KeptSheet) => E.Either<Refusal, readonly SheetDetailEvent[]>,
) => Promise<E.Either<Refusal, Receipt>>;

/** Writes the service's own events on sheets, opening (and registering) them as needed. */
export function createSheetWriter(
  context: ServiceContext,
  cache: SheetCache,
  openSheet: SheetOpener,
  loadSheet: SheetLoader,
): SheetWriter {
  return async (coordinates, commandId, decide) => {
    const opened = await openSheet(coordinates, true);
    if (E.isLeft(opened)) return opened;
    const sheet = opened.right as OpenSheet;
    return context.writer.run({
      commandId,
      lane: sheet.stream,
      load: () => loadSheet(sheet),
      decide: (loaded) =>
        E.map((events: readonly SheetDetailEvent[]) => sheetPlan(sheet, commandId, events))(
          loaded.state.closed ? E.left(sheetSealed(coordinates)()) : decide(loaded.state),
        ),
      evolve: evolveKeptSheet,
      remember: cache.remember,
      deleted: sheetSealed(coordinates),
    });
  };
}
