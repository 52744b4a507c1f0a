import type * as E from 'fp-ts/lib/Either.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { catalogueInForceOn } from '../catalogue/catalogue-history.js';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import type { Cipher } from '../crypto/cipher.js';
import type { Clock } from '../ports/clock.js';
import type { EventStore } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import { type Random, secureRandom } from '../ports/random.js';
import type { Refusal } from '../refusals/refusal.js';
import type { AmendSheet } from '../sealing/amend-sheet.js';
import type { SealPeriod } from '../sealing/seal-period-command.js';
import type {
  CloseSeries,
  OpenSeries,
  ReadNotes,
  RecordSession,
  WriteNote,
} from '../series/series-commands.js';
import type { TallyCommandInput } from '../tally/commands.js';
import { jitteredBackoff } from './backoff.js';
import { type AdoptCatalogueInput, createCatalogueKeeper } from './catalogue-keeper.js';
import { createKeyRing } from './key-ring.js';
import { createNotesVault, type WorkingNote } from './notes-vault.js';
import { createPeriodLoader } from './period-loader.js';
import { createPeriodSealer, type SealReport } from './period-sealer.js';
import type { Receipt, TallyReceipt } from './receipt.js';
import { createSeriesCloser, type SeriesClosing } from './series-closer.js';
import { createSeriesIndex } from './series-index.js';
import { createSeriesOpener, type OpenedSeries } from './series-opener.js';
import { createSeriesRegistration } from './series-registration.js';
import { createSeriesRoster } from './series-roster.js';
import { createSessionCounter } from './series-sessions.js';
import { createSeriesStore } from './series-store.js';
import type { ServiceContext } from './service-context.js';
import { createSessionCarrier } from './session-carrier.js';
import { createSessionRecorder } from './session-recorder.js';
import { createSheetAmender } from './sheet-amender.js';
import { createSheetCache } from './sheet-cache.js';
import { createSheetOpener } from './sheet-opener.js';
import { createStreamWriter } from './stream-writer.js';
import { createTallyRecorder } from './tally-recorder.js';

/** How a command service is wired. */
export interface CommandServiceOptions {
  readonly store: EventStore;
  /** Where period and series keys live; keys are the only thing ever destroyed. Keep them outside the events' database. */
  readonly keys: KeyStore;
  /** The municipality's catalogue id; its adopted versions decide every tally. */
  readonly catalogueId: string;
  readonly clock: Clock;
  /** Randomness (default: the platform's secure source). */
  readonly random?: Random;
  /** The cipher for detail at rest (default AES-256-GCM from node:crypto). */
  readonly cipher?: Cipher;
  /** How often a command is retried after meeting a concurrent writer (default 10, with jittered backoff). */
  readonly maxConflictRetries?: number;
  /** How often a command is retried while the store is unavailable (default 5, with jittered backoff up to 2 s). */
  readonly maxUnavailableRetries?: number;
  /** How many months' detail streams (each holding every sheet of its month) are kept in memory between commands (default 10 000). */
  readonly cachedSheets?: number;
  /** Days after a month's end before it may be sealed, for late tallies (default 15). */
  readonly sealGraceDays?: number;
  /** Days a series may stay idle before `expireSeries` closes it (default 90). */
  readonly seriesRetentionDays?: number;
  /**
   * How often cached keys are looked up again, in milliseconds (default 60 000): a key another
   * process destroyed (a seal, a closing) is then zeroed and forgotten here too.
   */
  readonly keyRecheckMs?: number;
  /**
   * How long the adopted catalogues are taken as known before the catalogue stream is read
   * again, in milliseconds (default 1 000): a version another process adopted is seen here
   * within that time; one adopted here, at once. 0 reads it for every command. Adopt a version
   * before the day it takes effect (as the catalogue's `effectiveFrom` intends): a version
   * adopted on or after its first day may meet, for this long, a process still deciding by the
   * one before.
   */
  readonly catalogueRecheckMs?: number;
}

/**
 * Records commands through the deciders into a store: tallies, sealing, series and working
 * notes. Every method takes a typed command (and still validates it at run time: input from
 * outside is untrusted); every command is `{ type, commandId, … }`, and a command sent again
 * with the same id and content gets the first receipt, never a second write.
 */
export interface CommandService {
  /** Adopts a catalogue version. Adopting the same content again changes nothing. */
  adoptCatalogue(command: AdoptCatalogueInput): Promise<E.Either<Refusal, Receipt>>;
  /** Records a tally command (contact, group meeting, visitors, void). */
  tally(command: TallyCommandInput): Promise<E.Either<Refusal, TallyReceipt>>;
  /** Seals a period: its tables written, its detail deleted, its key destroyed. Idempotent. */
  sealPeriod(command: SealPeriod): Promise<E.Either<Refusal, SealReport>>;
  /** Corrects a sealed sheet with a `SheetAmended` delta. */
  amendSheet(command: AmendSheet): Promise<E.Either<Refusal, Receipt>>;
  /** Opens a series of connected contacts; returns the token to write down (it is stored nowhere). */
  openSeries(command: OpenSeries): Promise<E.Either<Refusal, OpenedSeries>>;
  /** Records one contact of a series (and its tally), within the policy's limit. */
  recordSession(command: RecordSession): Promise<E.Either<Refusal, TallyReceipt>>;
  /** Writes a working note, sealed with the series key. */
  writeNote(command: WriteNote): Promise<E.Either<Refusal, Receipt>>;
  /** Reads a series' working notes back. */
  readNotes(query: ReadNotes): Promise<E.Either<Refusal, readonly WorkingNote[]>>;
  /** Closes a series: its stream deleted, its key (and every note) destroyed; only why and how many notes stay. */
  closeSeries(command: CloseSeries): Promise<E.Either<Refusal, SeriesClosing>>;
  /** Closes every series idle past the retention (and finishes closings a crash interrupted). */
  expireSeries(): Promise<{ readonly expired: number; readonly open: number }>;
  /** The catalogue version in force on a date, as the store knows it now. */
  catalogueInForceOn(date: string): Promise<Catalogue | undefined>;
}

/** Wires the deciders to a store and a key store: validation, minimisation, encryption, chains, retries, idempotency. */
export function createCommandService(options: CommandServiceOptions): CommandService {
  const { store, catalogueId } = options;
  const maxConflictRetries = options.maxConflictRetries ?? 10;
  const writer = createStreamWriter(store, {
    catalogueId,
    maxConflictRetries,
    maxUnavailableRetries: options.maxUnavailableRetries ?? 5,
    conflictBackoff: jitteredBackoff(2, 250),
    unavailableBackoff: jitteredBackoff(100, 2_000),
  });
  const catalogues = createCatalogueKeeper(
    store,
    writer,
    options.keys,
    catalogueId,
    options.catalogueRecheckMs ?? 1_000,
  );
  const context: ServiceContext = {
    store,
    keys: options.keys,
    writer,
    keyRing: createKeyRing(options.keys, options.cipher ?? createAesGcmCipher(), options.keyRecheckMs),
    clock: options.clock,
    random: options.random ?? secureRandom,
    catalogueId,
    catalogues: catalogues.history,
    vocabulary: catalogues.vocabulary,
  };
  const periods = createPeriodLoader(context);
  const cache = createSheetCache(options.cachedSheets ?? 10_000);
  // A month's key forgotten (destroyed here, or found destroyed elsewhere by the recheck): its
  // sheets and registry, which hold the key, are forgotten too.
  context.keyRing.onForget((keyId) => {
    const period = /^period-(\d{4}-\d{2})$/.exec(keyId)?.[1];
    if (period === undefined) return;
    cache.forgetPeriod(period);
    periods.forget(period);
  });
  const openSheet = createSheetOpener(context, periods, cache);
  const recorder = createTallyRecorder(context, cache, openSheet);
  const index = createSeriesIndex(context);
  const series = createSeriesStore(context, index);
  const registration = createSeriesRegistration(context, periods, index);
  const roster = createSeriesRoster(context, periods, index);
  const carrySessions = createSessionCarrier(context, index, series, roster);
  const sealer = createPeriodSealer(
    context,
    periods,
    cache,
    recorder,
    carrySessions,
    registration.indexMonth,
    options.sealGraceDays ?? 15,
  );
  const countSessions = createSessionCounter(context, periods, recorder.loadSheet);
  const closer = createSeriesCloser(context, series, index, recorder, periods, countSessions, roster);
  const retentionDays = options.seriesRetentionDays ?? 90;

  return {
    adoptCatalogue: catalogues.adoptCatalogue,
    tally: (command) => recorder.tally(command),
    sealPeriod: sealer.sealPeriod,
    amendSheet: createSheetAmender(context, periods).amendSheet,
    ...createSeriesOpener(context, series, index, registration),
    ...createSessionRecorder(context, series, recorder, openSheet, countSessions, maxConflictRetries),
    ...createNotesVault(context, series),
    closeSeries: closer.closeSeries,
    expireSeries: () => closer.expireSeries(retentionDays),
    catalogueInForceOn: async (date) => catalogueInForceOn(await catalogues.history(), date),
  };
}
