import * as E from 'fp-ts/lib/Either.js';
import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import { deriveEventId } from '../envelope/event-id.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { SheetRegistered } from '../sealing/period-events.js';
import { evolvePeriod } from '../sealing/period-state.js';
import { periodKeyId, periodStream, tallySheetStream } from '../streams.js';
import type { SheetCoordinates, SheetDetailEvent } from '../tally/events.js';
import { parseTallyCommand } from '../tally/parse-tally-command.js';
import { periodOf, type TallyDecision, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import type { TallySheetState } from '../tally/tally-sheet-state.js';
import type { OpenKey } from './key-ring.js';
import { catchUp, emptyStream, type LoadedStream } from './loaded-stream.js';
import type { PeriodLoader } from './period-loader.js';
import type { Receipt, TallyReceipt } from './receipt.js';
import type { ServiceContext } from './service-context.js';

/** An open sheet: its (keyed) stream name and the period key it is encrypted with. */
export interface OpenSheet {
  readonly stream: string;
  readonly key: OpenKey;
}

/** Records on tally sheets: opens (and registers) sheets, decides tallies, writes them encrypted. */
export interface TallyRecorder {
  tally(input: unknown): Promise<E.Either<Refusal, TallyReceipt>>;
  /** Writes events on a sheet through a decision of the caller's (series marks). */
  writeSheet(
    coordinates: SheetCoordinates,
    commandId: string,
    decide: (state: TallySheetState) => E.Either<Refusal, readonly SheetDetailEvent[]>,
  ): Promise<E.Either<Refusal, Receipt>>;
  /** Loads a sheet's detail stream with its key. */
  loadSheet(sheet: OpenSheet): Promise<LoadedStream<TallySheetState>>;
}

/** A tally recorder for a service. */
export function createTallyRecorder(
  context: ServiceContext,
  periods: PeriodLoader,
  cachedSheets: number,
): TallyRecorder {
  const { writer, keyRing } = context;
  const sheets = new Map<string, LoadedStream<TallySheetState>>();
  // Sheets known to be registered, by coordinates: their keyed names need no HMAC or period read again.
  const registered = new Map<string, OpenSheet>();
  const coordinatesKey = (coordinates: SheetCoordinates): string =>
    `${coordinates.period}/${coordinates.interventionId}/${coordinates.unitId}`;

  const remember = (loaded: LoadedStream<TallySheetState>): void => {
    sheets.delete(loaded.stream);
    sheets.set(loaded.stream, loaded);
    if (sheets.size > cachedSheets) {
      const oldest = sheets.keys().next().value;
      if (oldest !== undefined) sheets.delete(oldest);
    }
  };

  const loadSheet = async (
    sheet: OpenSheet,
    known?: CatalogueHistory,
  ): Promise<LoadedStream<TallySheetState>> => {
    const catalogues = known ?? (await context.catalogues());
    const cached = sheets.get(sheet.stream) ?? emptyStream(sheet.stream, tallySheetDecider.initialState);
    const loaded = await catchUp(context.store, cached, sheet.key.decode, tallySheetDecider.evolve);
    const current =
      loaded.state.catalogues === catalogues ? loaded : { ...loaded, state: { ...loaded.state, catalogues } };
    remember(current);
    return current;
  };

  /**
   * Finds a sheet's stream, registering it in its period first when it is new (registration
   * before the first tally: a crash in between leaves an empty sheet, never an unsealable one).
   */
  const openSheet = async (
    coordinates: SheetCoordinates,
    create: boolean,
  ): Promise<E.Either<Refusal, OpenSheet | undefined>> => {
    const keyId = periodKeyId(coordinates.period);
    const sealed = (): E.Either<Refusal, never> =>
      E.left(
        refuse.sheetSealed(
          { interventionId: coordinates.interventionId, clause: 'sealing/period' },
          coordinates.period,
        ),
      );
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const period = await periods.load(coordinates.period);
      if (period.state.sealed) {
        // A key made for this period by a writer that raced the seal must not survive it.
        await keyRing.destroy(keyId);
        return sealed();
      }
      const key = create ? await keyRing.create(keyId) : await keyRing.existing(keyId);
      if (key === undefined) return E.right(undefined);
      const stream = tallySheetStream(coordinates, key.naming);
      if (period.state.registered.has(stream)) {
        const sheet = { stream, key };
        registered.set(coordinatesKey(coordinates), sheet);
        return E.right(sheet);
      }
      if (!create) return E.right({ stream, key });
      const registration: SheetRegistered = { type: 'SheetRegistered', data: { ...coordinates, stream } };
      const appended = await writer.append(
        period,
        {
          commandId: deriveEventId(stream, periodStream(coordinates.period), 0),
          events: [registration],
          storage: () => key.storage,
        },
        evolvePeriod,
      );
      if (appended !== undefined) {
        periods.remember(coordinates.period, appended);
        const sheet = { stream, key };
        registered.set(coordinatesKey(coordinates), sheet);
        return E.right(sheet);
      }
    }
    return E.left(refuse.concurrencyConflict(periodStream(coordinates.period)));
  };

  const writeSheet: TallyRecorder['writeSheet'] = async (coordinates, commandId, decide) => {
    const opened = await openSheet(coordinates, true);
    if (E.isLeft(opened)) return opened;
    const sheet = opened.right as OpenSheet;
    return writer.run({
      commandId,
      load: () => loadSheet(sheet),
      decide: (loaded) =>
        E.map((events: readonly SheetDetailEvent[]) => ({
          commandId,
          events,
          storage: () => sheet.key.storage,
        }))(
          loaded.state.closed
            ? E.left(
                refuse.sheetSealed(
                  { interventionId: coordinates.interventionId, clause: 'sealing/sheet' },
                  coordinates.period,
                ),
              )
            : decide(loaded.state),
        ),
      evolve: tallySheetDecider.evolve,
      remember,
    });
  };

  const tally: TallyRecorder['tally'] = async (input) => {
    const parsed = parseTallyCommand(input);
    if (E.isLeft(parsed)) return parsed;
    const command = parsed.right;
    if (command.type !== 'VoidTally' && command.date > todayOn(context.clock))
      return E.left(refuse.dateInFuture(command.date));
    const period = command.type === 'VoidTally' ? command.period : periodOf(command.date);
    const coordinates = { interventionId: command.interventionId, unitId: command.unitId, period };
    const tallyId = command.type === 'VoidTally' ? command.tallyId : command.commandId;
    const decision: TallyDecision = command;

    const catalogues = await context.catalogues();
    let sheet = registered.get(coordinatesKey(coordinates));
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
      load: () => loadSheet(open, catalogues),
      decide: (loaded) =>
        E.map((events: readonly SheetDetailEvent[]) => {
          const first = events[0];
          return {
            commandId: command.commandId,
            ...(command.correlationId === undefined ? {} : { correlationId: command.correlationId }),
            ...(command.causationId === undefined ? {} : { causationId: command.causationId }),
            events,
            ...(first !== undefined && 'catalogueVersion' in first.data
              ? { catalogueVersion: first.data.catalogueVersion }
              : {}),
            storage: () => open.key.storage,
          };
        })(tallySheetDecider.decide(decision, loaded.state)),
      evolve: tallySheetDecider.evolve,
      remember,
    });
    return E.map((receipt: Receipt): TallyReceipt => ({ ...receipt, tallyId }))(result);
  };

  return { tally, writeSheet, loadSheet };
}
