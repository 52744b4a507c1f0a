import * as E from 'fp-ts/lib/Either.js';
import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import type { SealerFor } from '../envelope/open-event.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { SheetCoordinates, SheetDetailEvent } from '../tally/events.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { periodOf, type TallyDecision, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import { emptyTallyIndex, type TallyIndex } from '../tally/tally-sheet-state.js';
import { commandDigest } from './command-digest.js';
import { emptyKeptSheet, evolveKeptSheet, type KeptSheet, type LoadedSheet } from './kept-sheet.js';
import type { OpenKey } from './key-ring.js';
import { catchUp, emptyStream } from './loaded-stream.js';
import type { Receipt, TallyReceipt } from './receipt.js';
import type { ServiceContext } from './service-context.js';
import type { OpenSheet, SheetCache } from './sheet-cache.js';
import type { SheetOpener } from './sheet-opener.js';
import { createSheetReceipts } from './sheet-receipts.js';
import { readTallyToVoid } from './tally-to-void.js';
import type { Plan } from './writer-command.js';

/** Records on tally sheets: opens (and registers) sheets, decides tallies, writes them sealed. */
export interface TallyRecorder {
  /** A tally command from untrusted input (`viaSeries` only from the series keeper). */
  tally(input: unknown, options?: { readonly viaSeries?: boolean }): Promise<E.Either<Refusal, TallyReceipt>>;
  /** Writes events on a sheet through a decision of the caller's (a series' end). */
  writeSheet(
    coordinates: SheetCoordinates,
    commandId: string,
    decide: (state: KeptSheet) => E.Either<Refusal, readonly SheetDetailEvent[]>,
  ): Promise<E.Either<Refusal, Receipt>>;
  /** Loads a sheet's detail stream with its key. */
  loadSheet(sheet: OpenSheet, known?: CatalogueHistory): Promise<LoadedSheet>;
  /** Keeps a sheet's newest loaded state (after a write made elsewhere). */
  remember(loaded: LoadedSheet): void;
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
function withCatalogues(loaded: LoadedSheet, catalogues: CatalogueHistory): LoadedSheet {
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
    const sealerFor = sealerOf(sheet.key);
    const cached =
      cache.loaded(sheet.stream) ??
      emptyStream(
        sheet.stream,
        emptyKeptSheet(),
        createSheetReceipts(context.store, sheet.stream, sealerFor),
      );
    const loaded = await catchUp(context.store, cached, sealerFor, evolveKeptSheet);
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
      evolve: evolveKeptSheet,
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
    const isVoid = command.type === 'VoidTally';
    const plan = (events: readonly SheetDetailEvent[]) => {
      const first = events[0];
      return sheetPlan(open, command.commandId, events, {
        digest,
        ...(command.correlationId === undefined ? {} : { correlationId: command.correlationId }),
        ...(command.causationId === undefined ? {} : { causationId: command.causationId }),
        ...(first !== undefined && 'catalogueVersion' in first.data
          ? { catalogueVersion: first.data.catalogueVersion }
          : {}),
      });
    };
    const decideWith = (loaded: LoadedSheet, tallies: TallyIndex) =>
      E.map(plan)(
        tallySheetDecider.decide(decision, {
          catalogues: loaded.state.catalogues,
          closed: loaded.state.closed,
          tallies,
        }),
      );
    const result = await writer.run({
      commandId: command.commandId,
      digest,
      lane: open.stream,
      load: () => loadSheet(open, catalogues),
      // A void never follows another command of a batch: it reads back what is stored.
      ...(isVoid ? {} : { continueFrom: (loaded: LoadedSheet) => withCatalogues(loaded, catalogues) }),
      // A void reads its tally back from the store (the sheet keeps where it is, not the tally);
      // a recording does not look at the sheet's tallies, and is decided without a wait.
      decide: (loaded) =>
        isVoid
          ? readTallyToVoid(context.store, loaded, sealerOf(open.key), tallyId).then((tallies) =>
              decideWith(loaded, tallies),
            )
          : decideWith(loaded, emptyTallyIndex),
      evolve: evolveKeptSheet,
      remember: cache.remember,
      deleted: sealed(coordinates),
    });
    return E.map((receipt: Receipt): TallyReceipt => ({ ...receipt, tallyId }))(result);
  };

  return { tally, writeSheet, loadSheet, sheetPlan, remember: cache.remember };
}
