import * as E from 'fp-ts/lib/Either.js';
import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import type { SealerFor } from '../envelope/open-event.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { SheetCoordinates, SheetDetailEvent } from '../tally/events.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { periodOf, type TallyDecision, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import type { TallySheetState } from '../tally/tally-sheet-state.js';
import { commandDigest } from './command-digest.js';
import type { OpenKey } from './key-ring.js';
import { catchUp, emptyStream, type LoadedStream } from './loaded-stream.js';
import type { Receipt, TallyReceipt } from './receipt.js';
import type { ServiceContext } from './service-context.js';
import type { OpenSheet, SheetCache } from './sheet-cache.js';
import type { SheetOpener } from './sheet-opener.js';
import type { Plan } from './writer-command.js';

/** Records on tally sheets: opens (and registers) sheets, decides tallies, writes them sealed. */
export interface TallyRecorder {
  /** A tally command from untrusted input (`viaSeries` only from the series keeper). */
  tally(input: unknown, options?: { readonly viaSeries?: boolean }): Promise<E.Either<Refusal, TallyReceipt>>;
  /** Writes events on a sheet through a decision of the caller's (a series' end). */
  writeSheet(
    coordinates: SheetCoordinates,
    commandId: string,
    decide: (state: TallySheetState) => E.Either<Refusal, readonly SheetDetailEvent[]>,
  ): Promise<E.Either<Refusal, Receipt>>;
  /** Loads a sheet's detail stream with its key. */
  loadSheet(sheet: OpenSheet, known?: CatalogueHistory): Promise<LoadedStream<TallySheetState>>;
  /** Keeps a sheet's newest loaded state (after a write made elsewhere). */
  remember(loaded: LoadedStream<TallySheetState>): void;
  /** The plan that writes tally events on a sheet. */
  sheetPlan(
    sheet: OpenSheet,
    commandId: string,
    events: readonly SheetDetailEvent[],
    extra?: Partial<Plan<SheetDetailEvent>>,
  ): Plan<SheetDetailEvent>;
}

/** Opens payloads with one key, whatever the cache of the key ring holds. */
export const sealerOf =
  (key: OpenKey): SealerFor =>
  (_recorded, codec) =>
    key.sealer.algorithm === codec ? key.sealer : undefined;

/** A sheet as decided with these catalogues (the ones its command was parsed with). */
function withCatalogues(
  loaded: LoadedStream<TallySheetState>,
  catalogues: CatalogueHistory,
): LoadedStream<TallySheetState> {
  return loaded.state.catalogues === catalogues
    ? loaded
    : { ...loaded, state: { ...loaded.state, catalogues } };
}

/** A tally recorder for a service. */
export function createTallyRecorder(
  context: ServiceContext,
  cache: SheetCache,
  openSheet: SheetOpener,
): TallyRecorder {
  const { writer } = context;

  const loadSheet: TallyRecorder['loadSheet'] = async (sheet, known) => {
    const catalogues = known ?? (await context.catalogues());
    const cached = cache.loaded(sheet.stream) ?? emptyStream(sheet.stream, tallySheetDecider.initialState);
    const loaded = await catchUp(context.store, cached, sealerOf(sheet.key), tallySheetDecider.evolve);
    const current = withCatalogues(loaded, catalogues);
    cache.remember(current);
    return current;
  };

  const sealed = (coordinates: SheetCoordinates) => () =>
    refuse.sheetSealed(
      { interventionId: coordinates.interventionId, clause: 'sealing/sheet' },
      coordinates.period,
    );

  const sheetPlan: TallyRecorder['sheetPlan'] = (sheet, commandId, events, extra = {}) => ({
    commandId,
    events,
    privacy: { key: sheet.key, kind: 'tally' },
    ...extra,
  });

  const writeSheet: TallyRecorder['writeSheet'] = async (coordinates, commandId, decide) => {
    const opened = await openSheet(coordinates, true);
    if (E.isLeft(opened)) return opened;
    const sheet = opened.right as OpenSheet;
    return writer.run({
      commandId,
      lane: sheet.stream,
      load: () => loadSheet(sheet),
      decide: (loaded) =>
        E.map((events: readonly SheetDetailEvent[]) => sheetPlan(sheet, commandId, events))(
          loaded.state.closed ? E.left(sealed(coordinates)()) : decide(loaded.state),
        ),
      evolve: tallySheetDecider.evolve,
      remember: cache.remember,
      deleted: sealed(coordinates),
    });
  };

  const tally: TallyRecorder['tally'] = async (input, options = {}) => {
    const parsed = parseTallyCommand(input, await context.vocabulary());
    if (E.isLeft(parsed)) return parsed;
    const command = parsed.right;
    if (command.type !== 'VoidTally' && command.date > todayOn(context.clock))
      return E.left(refuse.dateInFuture(command.date));
    const period = command.type === 'VoidTally' ? command.period : periodOf(command.date);
    const coordinates = { interventionId: command.interventionId, unitId: command.unitId, period };
    const tallyId = command.type === 'VoidTally' ? command.tallyId : command.commandId;
    const decision: TallyDecision = options.viaSeries === true ? { ...command, viaSeries: true } : command;
    const digest = commandDigest(command);

    const catalogues = await context.catalogues();
    let sheet = cache.registered(coordinates);
    if (sheet === undefined) {
      // Refuse what the policy refuses before a sheet (or a period key) is ever created for it.
      const precheck = tallySheetDecider.decide(decision, { ...tallySheetDecider.initialState, catalogues });
      if (E.isLeft(precheck) && command.type !== 'VoidTally') return precheck;
      const opened = await openSheet(coordinates, command.type !== 'VoidTally');
      if (E.isLeft(opened)) return opened;
      if (opened.right === undefined) {
        return E.left(
          refuse.tallyNotFound({ interventionId: command.interventionId, clause: 'sheet/tallies' }, tallyId),
        );
      }
      sheet = opened.right;
    }
    const open = sheet;
    const result = await writer.run({
      commandId: command.commandId,
      digest,
      lane: open.stream,
      load: () => loadSheet(open, catalogues),
      continueFrom: (loaded) => withCatalogues(loaded, catalogues),
      decide: (loaded) =>
        E.map((events: readonly SheetDetailEvent[]) => {
          const first = events[0];
          return sheetPlan(open, command.commandId, events, {
            digest,
            ...(command.correlationId === undefined ? {} : { correlationId: command.correlationId }),
            ...(command.causationId === undefined ? {} : { causationId: command.causationId }),
            ...(first !== undefined && 'catalogueVersion' in first.data
              ? { catalogueVersion: first.data.catalogueVersion }
              : {}),
          });
        })(tallySheetDecider.decide(decision, loaded.state)),
      evolve: tallySheetDecider.evolve,
      remember: cache.remember,
      deleted: sealed(coordinates),
    });
    return E.map((receipt: Receipt): TallyReceipt => ({ ...receipt, tallyId }))(result);
  };

  return { tally, writeSheet, loadSheet, sheetPlan, remember: cache.remember };
}
