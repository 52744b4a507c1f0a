import * as E from 'fp-ts/lib/Either.js';
import { type AdoptCatalogue, AdoptCatalogueSchema, catalogueDecider } from '../catalogue/adopt-catalogue.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { type CatalogueHistory, catalogueInForceOn } from '../catalogue/catalogue-history.js';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import type { Cipher } from '../crypto/cipher.js';
import { plainCodec } from '../envelope/event-codec.js';
import type { Clock } from '../ports/clock.js';
import type { EventStore } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import { type Random, secureRandom } from '../ports/random.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { catalogueStream } from '../streams.js';
import { parseInput } from '../tally/parse-tally-command.js';
import { createKeyRing } from './key-ring.js';
import { catchUp, decodePlain, emptyStream, type LoadedStream } from './loaded-stream.js';
import { createPeriodLoader } from './period-loader.js';
import { createPeriodSealer, type SealReport } from './period-sealer.js';
import type { Receipt, TallyReceipt } from './receipt.js';
import {
  createSeriesKeeper,
  type OpenedSeries,
  type SeriesClosing,
  type WorkingNote,
} from './series-keeper.js';
import type { ServiceContext } from './service-context.js';
import { createSheetAmender } from './sheet-amender.js';
import { createStreamWriter } from './stream-writer.js';
import { createTallyRecorder } from './tally-recorder.js';

/** How a command service is wired. */
export interface CommandServiceOptions {
  readonly store: EventStore;
  /** Where period and series keys live; keys are the only thing ever destroyed. */
  readonly keys: KeyStore;
  /** The municipality's catalogue id; its adopted versions decide every tally. */
  readonly catalogueId: string;
  readonly clock: Clock;
  /** Randomness for record keys and series tokens (default: the platform's secure source). */
  readonly random?: Random;
  /** The cipher for detail at rest (default AES-256-GCM from node:crypto). */
  readonly cipher?: Cipher;
  /** How often a command is retried after meeting a concurrent writer (default 5). */
  readonly maxConflictRetries?: number;
  /** How many tally sheets are kept in memory between commands (default 10 000). */
  readonly cachedSheets?: number;
  /** Days after a month's end before it may be sealed, for late tallies (default 15). */
  readonly sealGraceDays?: number;
  /** Days a series may stay idle before `expireSeries` closes it (default 90). */
  readonly seriesRetentionDays?: number;
}

/** Records commands through the deciders into a store: tallies, sealing, series and working notes. */
export interface CommandService {
  /** Adopts a catalogue version. Adopting the same content again changes nothing. */
  adoptCatalogue(input: unknown): Promise<E.Either<Refusal, Receipt>>;
  /** Records a tally command (contact, group meeting, visitors, void) from untrusted input. */
  tally(input: unknown): Promise<E.Either<Refusal, TallyReceipt>>;
  /** Seals a period: every sheet's tables as `SheetSealed`, then the period key destroyed. Idempotent. */
  sealPeriod(period: string): Promise<E.Either<Refusal, SealReport>>;
  /** Corrects a sealed sheet with a `SheetAmended` delta. */
  amendSheet(input: unknown): Promise<E.Either<Refusal, Receipt>>;
  /** Opens a series of connected contacts; returns the token to write down (it is stored nowhere). */
  openSeries(input: unknown): Promise<E.Either<Refusal, OpenedSeries>>;
  /** Records one contact of a series (and its tally), within the policy's limit. */
  recordSession(input: unknown): Promise<E.Either<Refusal, TallyReceipt>>;
  /** Writes a working note, encrypted with the series key. */
  writeNote(input: unknown): Promise<E.Either<Refusal, Receipt>>;
  /** Reads a series' working notes back. */
  readNotes(input: unknown): Promise<E.Either<Refusal, readonly WorkingNote[]>>;
  /** Closes a series: its key (and every note) destroyed, only its length and the count of notes kept. */
  closeSeries(input: unknown): Promise<E.Either<Refusal, SeriesClosing>>;
  /** Closes every series idle past the retention. */
  expireSeries(): Promise<{ readonly expired: number; readonly open: number }>;
  /** The catalogue version in force on a date, as the store knows it now. */
  catalogueInForceOn(date: string): Promise<Catalogue | undefined>;
}

/** Wires the deciders to a store and a key store: validation, minimisation, encryption, chains, retries, idempotency. */
export function createCommandService(options: CommandServiceOptions): CommandService {
  const { store, catalogueId } = options;
  const writer = createStreamWriter(store, catalogueId, options.maxConflictRetries ?? 5);
  let catalogues: LoadedStream<CatalogueHistory> = emptyStream(
    catalogueStream(catalogueId),
    catalogueDecider.initialState,
  );
  const refreshCatalogues = async (): Promise<LoadedStream<CatalogueHistory>> => {
    catalogues = await catchUp(store, catalogues, decodePlain, catalogueDecider.evolve);
    return catalogues;
  };
  const context: ServiceContext = {
    store,
    writer,
    keyRing: createKeyRing(options.keys, options.cipher ?? createAesGcmCipher()),
    clock: options.clock,
    random: options.random ?? secureRandom,
    catalogueId,
    catalogues: async () => (await refreshCatalogues()).state,
  };
  const periods = createPeriodLoader(context);
  const recorder = createTallyRecorder(context, periods, options.cachedSheets ?? 10_000);
  const sealer = createPeriodSealer(context, periods, recorder, options.sealGraceDays ?? 15);
  const series = createSeriesKeeper(context, recorder, periods, options.seriesRetentionDays ?? 90);
  const amender = createSheetAmender(context, periods);

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
    return writer.run({
      commandId: command.commandId,
      load: refreshCatalogues,
      decide: (loaded) =>
        E.map((events: readonly { type: 'CatalogueAdopted'; data: { catalogue: Catalogue } }[]) => ({
          commandId: command.commandId,
          events,
          storage: () => ({ codec: plainCodec }),
        }))(catalogueDecider.decide(command, loaded.state)),
      evolve: catalogueDecider.evolve,
      remember: (loaded) => {
        catalogues = loaded;
      },
    });
  };

  return {
    adoptCatalogue,
    tally: recorder.tally,
    sealPeriod: sealer.sealPeriod,
    amendSheet: amender.amendSheet,
    ...series,
    catalogueInForceOn: async (date) => catalogueInForceOn((await refreshCatalogues()).state, date),
  };
}
