import * as E from 'fp-ts/lib/Either.js';
import { type AdoptCatalogue, AdoptCatalogueSchema, catalogueDecider } from '../catalogue/adopt-catalogue.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { type CatalogueHistory, catalogueInForceOn } from '../catalogue/catalogue-history.js';
import { chainEvent, GENESIS_HASH } from '../envelope/envelope.js';
import { type EventCodec, plainCodec } from '../envelope/event-codec.js';
import { deriveEventId } from '../envelope/event-id.js';
import type { JsonValue } from '../json.js';
import { type Clock, todayOn } from '../ports/clock.js';
import type { EventStore } from '../ports/event-store.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { catalogueStream, tallySheetStream } from '../streams.js';
import type { TallyCommand } from '../tally/commands.js';
import type { CatalogueAdopted, TallyEvent } from '../tally/events.js';
import { parseInput, parseTallyCommand } from '../tally/parse-tally-command.js';
import { periodOf, tallySheetDecider } from '../tally/tally-sheet-decider.js';
import type { TallySheetState } from '../tally/tally-sheet-state.js';
import { catchUp, emptyStream, type LoadedStream, recordReceipt } from './loaded-stream.js';
import type { Receipt, TallyReceipt } from './receipt.js';

/** How a command service is wired. */
export interface CommandServiceOptions {
  readonly store: EventStore;
  /** The municipality's catalogue id; its adopted versions decide every tally. */
  readonly catalogueId: string;
  readonly clock: Clock;
  /** How event data is stored; plain unless encryption is configured. */
  readonly codec?: EventCodec;
  /** How often a command is retried after meeting a concurrent writer (default 5). */
  readonly maxConflictRetries?: number;
  /** How many tally sheets are kept in memory between commands (default 10 000). */
  readonly cachedSheets?: number;
}

/** Records commands through the deciders into a store. */
export interface CommandService {
  /** Adopts a catalogue version. Adopting the same content again changes nothing. */
  adoptCatalogue(input: unknown): Promise<E.Either<Refusal, Receipt>>;
  /** Records a tally command (contact, group meeting, visitors, void) from untrusted input. */
  tally(input: unknown): Promise<E.Either<Refusal, TallyReceipt>>;
  /** The catalogue version in force on a date, as the store knows it now. */
  catalogueInForceOn(date: string): Promise<Catalogue | undefined>;
}

interface Plan<Event> {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly events: readonly Event[];
  readonly catalogueVersion?: string;
}

/** Wires the deciders to a store: validation, minimisation, hash chains, retries and idempotency. */
export function createCommandService(options: CommandServiceOptions): CommandService {
  const { store, catalogueId, clock } = options;
  const codec = options.codec ?? plainCodec;
  const maxRetries = options.maxConflictRetries ?? 5;
  const sheetCacheSize = options.cachedSheets ?? 10_000;
  const catalogueStreamName = catalogueStream(catalogueId);
  let catalogues: LoadedStream<CatalogueHistory> = emptyStream(
    catalogueStreamName,
    catalogueDecider.initialState,
  );
  const sheets = new Map<string, LoadedStream<TallySheetState>>();

  const refreshCatalogues = async (): Promise<LoadedStream<CatalogueHistory>> => {
    catalogues = await catchUp(store, catalogues, codec, catalogueDecider.evolve);
    return catalogues;
  };

  const cacheSheet = (loaded: LoadedStream<TallySheetState>): void => {
    sheets.delete(loaded.stream);
    sheets.set(loaded.stream, loaded);
    if (sheets.size > sheetCacheSize) {
      const oldest = sheets.keys().next().value;
      if (oldest !== undefined) sheets.delete(oldest);
    }
  };

  /** Appends a decision's events, chained after the loaded revision; `undefined` on a conflict. */
  const appendPlan = async <State, Event extends { type: string; data: unknown }>(
    loaded: LoadedStream<State>,
    plan: Plan<Event>,
    evolve: (state: State, event: Event) => State,
  ): Promise<LoadedStream<State> | undefined> => {
    const { stream } = loaded;
    let prev = loaded.link?.hash ?? GENESIS_HASH;
    let revision = loaded.link === undefined ? -1 : loaded.link.revision;
    const toAppend = plan.events.map((event, index) => {
      revision += 1;
      const id = deriveEventId(plan.commandId, stream, index);
      const data = codec.encode(event.data as JsonValue, { stream, eventId: id, type: event.type });
      const chained = chainEvent(stream, revision, prev, {
        id,
        type: event.type,
        data,
        metadata: {
          commandId: plan.commandId,
          correlationId: plan.correlationId,
          causationId: plan.causationId,
          codec: codec.name,
          catalogueId,
          ...(plan.catalogueVersion === undefined ? {} : { catalogueVersion: plan.catalogueVersion }),
        },
      });
      prev = chained.metadata.hash;
      return chained;
    });
    const expected = loaded.link === undefined ? 'no-stream' : loaded.link.revision;
    const result = await store.append(stream, toAppend, { expected });
    if (E.isLeft(result)) {
      if (result.left.code === 'WRONG_EXPECTED_REVISION') return undefined;
      throw new Error(`append to ${stream} refused by the store: ${result.left.code}`);
    }
    let state = loaded.state;
    const receipts = loaded.receipts as Map<string, Receipt>;
    toAppend.forEach((event, index) => {
      const domainEvent = plan.events[index];
      if (domainEvent !== undefined) state = evolve(state, domainEvent);
      recordReceipt(receipts, stream, plan.commandId, event.id, (loaded.link?.revision ?? -1) + index + 1);
    });
    return { stream, state, link: { revision, hash: prev }, receipts };
  };

  /** Decides and appends against a stream, retrying after conflicts; a repeated command returns its first receipt. */
  const run = async <State, Event extends { type: string; data: unknown }>(
    load: () => Promise<LoadedStream<State>>,
    commandId: string,
    decide: (state: State) => E.Either<Refusal, Plan<Event>>,
    evolve: (state: State, event: Event) => State,
    remember: (loaded: LoadedStream<State>) => void,
  ): Promise<E.Either<Refusal, Receipt>> => {
    for (let attempt = 0; attempt <= maxRetries; attempt += 1) {
      const loaded = await load();
      const previous = loaded.receipts.get(commandId);
      if (previous !== undefined) return E.right(previous);
      const decision = decide(loaded.state);
      if (E.isLeft(decision)) return decision;
      if (decision.right.events.length === 0) {
        return E.right({
          commandId,
          stream: loaded.stream,
          eventIds: [],
          revision: loaded.link?.revision ?? -1,
        });
      }
      const appended = await appendPlan(loaded, decision.right, evolve);
      if (appended !== undefined) {
        remember(appended);
        const receipt = appended.receipts.get(commandId);
        if (receipt !== undefined) return E.right(receipt);
      }
    }
    const stream = (await load()).stream;
    return E.left(refuse.concurrencyConflict(stream));
  };

  const adoptCatalogue: CommandService['adoptCatalogue'] = async (input) => {
    const parsed = parseInput(AdoptCatalogueSchema, input);
    if (E.isLeft(parsed)) return parsed;
    const command: AdoptCatalogue = parsed.right;
    const catalogue = command.catalogue as { id?: unknown } | null;
    if (typeof catalogue === 'object' && catalogue !== null && catalogue.id !== catalogueId) {
      return E.left(
        refuse.catalogueRejected([
          { path: '/catalogue/id', message: `this service keeps catalogue "${catalogueId}"` },
        ]),
      );
    }
    return run<CatalogueHistory, CatalogueAdopted>(
      refreshCatalogues,
      command.commandId,
      (history) =>
        E.map((events: readonly CatalogueAdopted[]) => ({
          commandId: command.commandId,
          correlationId: command.commandId,
          causationId: command.commandId,
          events,
        }))(catalogueDecider.decide(command, history)),
      catalogueDecider.evolve,
      (loaded) => {
        catalogues = loaded;
      },
    );
  };

  const loadSheet = async (stream: string): Promise<LoadedStream<TallySheetState>> => {
    const history = (await refreshCatalogues()).state;
    const cached = sheets.get(stream) ?? emptyStream(stream, tallySheetDecider.initialState);
    const loaded = await catchUp(store, cached, codec, tallySheetDecider.evolve);
    const withCatalogues = { ...loaded, state: { ...loaded.state, catalogues: history } };
    cacheSheet(withCatalogues);
    return withCatalogues;
  };

  const tally: CommandService['tally'] = async (input) => {
    const parsed = parseTallyCommand(input);
    if (E.isLeft(parsed)) return parsed;
    const command: TallyCommand = parsed.right;
    if (command.type !== 'VoidTally' && command.date > todayOn(clock))
      return E.left(refuse.dateInFuture(command.date));
    const period = command.type === 'VoidTally' ? command.period : periodOf(command.date);
    const stream = tallySheetStream({
      interventionId: command.interventionId,
      unitId: command.unitId,
      period,
    });
    const result = await run<TallySheetState, TallyEvent | CatalogueAdopted>(
      () => loadSheet(stream),
      command.commandId,
      (state) =>
        E.map((events: readonly TallyEvent[]) => {
          const first = events[0];
          return {
            commandId: command.commandId,
            correlationId: command.correlationId ?? command.commandId,
            causationId: command.causationId ?? command.commandId,
            events,
            ...(first !== undefined && 'catalogueVersion' in first.data
              ? { catalogueVersion: first.data.catalogueVersion }
              : {}),
          };
        })(tallySheetDecider.decide(command, state)),
      tallySheetDecider.evolve,
      cacheSheet,
    );
    const tallyId = command.type === 'VoidTally' ? command.tallyId : command.commandId;
    return E.map((receipt: Receipt): TallyReceipt => ({ ...receipt, tallyId }))(result);
  };

  return {
    adoptCatalogue,
    tally,
    catalogueInForceOn: async (date) => catalogueInForceOn((await refreshCatalogues()).state, date),
  };
}
