/**
 * The pure core of pinnstatistik: the catalogue of interventions offered without a needs
 * assessment, their documentation policies, tally commands and events, deciders, refusals,
 * the personal-data guard, the storage ports, the hash-chained envelope and the command service.
 *
 * @packageDocumentation
 */

export { type AdoptCatalogue, AdoptCatalogueSchema, catalogueDecider } from './catalogue/adopt-catalogue.js';
// Catalogue
export {
  type AgeBanding,
  AgeBandingSchema,
  ageBandCodes,
  ageBandOf,
  ageBandRange,
} from './catalogue/age-banding.js';
export {
  type Catalogue,
  type CatalogueInput,
  CatalogueSchema,
  type Unit,
  UnitSchema,
} from './catalogue/catalogue.js';
export {
  type CatalogueHistory,
  catalogueInForceOn,
  catalogueVersion,
} from './catalogue/catalogue-history.js';
export { type Code, type CodeList, CodeListSchema, CodeSchema, NOT_STATED } from './catalogue/code-list.js';
export { defaultCodeLists } from './catalogue/default-code-lists.js';
export { type Dimension, type DimensionId, DimensionSchema } from './catalogue/dimension.js';
export { dimensionValueLabel, dimensionValues, findDimension } from './catalogue/dimension-values.js';
export {
  DOCUMENTATION_KINDS,
  type Documentation,
  type DocumentationKind,
  DocumentationSchema,
} from './catalogue/documentation-kind.js';
export { IsoDateSchema, type Period, PeriodSchema, SlugSchema } from './catalogue/identifiers.js';
export {
  AgeRangeSchema,
  CONTACT_UNIT_LABELS,
  CONTACT_UNITS,
  type ContactUnit,
  type InterventionPolicy,
  InterventionPolicySchema,
  SeriesLimitsSchema,
  type TallySpec,
  TallySpecSchema,
} from './catalogue/intervention-policy.js';
export {
  citeProvision,
  type Decision,
  DecisionSchema,
  type LegalProvision,
  LegalProvisionSchema,
} from './catalogue/legal-basis.js';
export { type Language, type LocalizedText, LocalizedTextSchema } from './catalogue/localized-text.js';
export {
  type CatalogueInvalid,
  catalogueJsonSchema,
  isCatalogueInvalid,
  parseCatalogue,
  parseCatalogueJson,
} from './catalogue/parse-catalogue.js';
export { vaggerydCatalogue, vaggerydCatalogueInput } from './catalogue/vaggeryd/vaggeryd-catalogue.js';
export { toJsonPointer, type ValidationIssue } from './catalogue/validation-issue.js';
// Crypto
export { createAesGcmCipher } from './crypto/aes-gcm-cipher.js';
export type { Cipher } from './crypto/cipher.js';
export { associatedData, createEncryptedCodec, DecryptionError } from './crypto/encrypted-codec.js';
export { deriveSubkeys, keyedName, type Subkeys } from './crypto/key-derivation.js';
export { createXChaChaCipher, type SodiumNative } from './crypto/xchacha-cipher.js';
export type { Decider } from './decider.js';
// Envelope
export { canonicalJson } from './envelope/canonical-json.js';
export {
  type ChainFinding,
  type ChainLink,
  checkLink,
  createChainVerifier,
} from './envelope/chain-verifier.js';
export {
  chainEvent,
  type EnvelopeMetadata,
  GENESIS_HASH,
  type HashedContent,
  hashEvent,
  type UnchainedMetadata,
} from './envelope/envelope.js';
export { type CodecContext, type EventCodec, plainCodec } from './envelope/event-codec.js';
export { deriveEventId } from './envelope/event-id.js';
export type { JsonObject, JsonValue } from './json.js';
export type { Checkpoint, CheckpointStore } from './ports/checkpoint-store.js';
// Ports
export { type Clock, fixedClock, systemClock, todayOn } from './ports/clock.js';
export {
  type AppendError,
  type AppendSuccess,
  type AppendTooLarge,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  isAppendError,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionFilter,
  type SubscriptionHandler,
  type WrongExpectedRevision,
} from './ports/event-store.js';
export type { KeyStore } from './ports/key-store.js';
export { type Random, secureRandom, seededRandom } from './ports/random.js';
// Privacy
export { findPersonalData } from './privacy/find-personal-data.js';
export { passesLuhn } from './privacy/luhn.js';
export { type PersonalDataFinding, scanForPersonalData } from './privacy/personal-data-guard.js';
export type { PersonalDataKind } from './privacy/personal-data-kind.js';
// Refusals
export {
  isRefusal,
  isRefusalWithCode,
  REFUSAL_CODES,
  type Refusal,
  type RefusalCode,
  type RuleReference,
} from './refusals/refusal.js';
export { refuse } from './refusals/refuse.js';
// Sealing and series
export { type AmendSheet, AmendSheetSchema } from './sealing/amend-sheet.js';
export {
  type AmendmentReason,
  PERIOD_EVENT_TYPES,
  type PeriodEvent,
  type PeriodSealed,
  type SheetAmended,
  type SheetRegistered,
  type SheetSealed,
} from './sealing/period-events.js';
export { emptyPeriod, evolvePeriod, type PeriodState, sheetKey } from './sealing/period-state.js';
export {
  type CloseSeries,
  CloseSeriesSchema,
  MAX_NOTE_LENGTH,
  type OpenSeries,
  OpenSeriesSchema,
  type RecordSession,
  RecordSessionSchema,
  type WriteNote,
  WriteNoteSchema,
} from './series/series-commands.js';
export type {
  NotesDestroyedReason,
  NoteWritten,
  SeriesEvent,
  SeriesIndexed,
  SeriesOpened,
  SessionRecorded,
  WorkingNotesDestroyed,
} from './series/series-events.js';
export { emptySeries, evolveSeries, type SeriesState } from './series/series-state.js';
export { newSeriesToken, normaliseSeriesToken } from './series/series-token.js';
// Service
export {
  type CommandService,
  type CommandServiceOptions,
  createCommandService,
} from './service/command-service.js';
export { IntegrityError, isIntegrityError } from './service/integrity-error.js';
export { earliestSealDate, type SealReport } from './service/period-sealer.js';
export type { Receipt, TallyReceipt } from './service/receipt.js';
export {
  type OpenedSeries,
  type SeriesClosing,
  seriesStreamOf,
  type WorkingNote,
} from './service/series-keeper.js';
export {
  catalogueStream,
  periodKeyId,
  periodStream,
  SERIES_INDEX_STREAM,
  STREAM_PREFIXES,
  tallySheetStream,
} from './streams.js';
// Subscriptions
export { type CatchUpSource, createCatchUpSubscription } from './subscriptions/catch-up-subscription.js';
// Tally
export {
  CommandIdSchema,
  type TallyCommand,
  type TallyCommandInput,
  TallyCommandSchema,
  type TallyContact,
  TallyContactSchema,
  type TallyGroupMeeting,
  TallyGroupMeetingSchema,
  type TallyVisitors,
  TallyVisitorsSchema,
  type VoidTally,
  VoidTallySchema,
} from './tally/commands.js';
export type {
  CatalogueAdopted,
  ContactTallied,
  GroupMeetingTallied,
  HeadCounts,
  SeriesEnded,
  SheetClosed,
  SheetCoordinates,
  SheetDetailEvent,
  TallyEvent,
  TallyVoided,
  VisitorsTallied,
  VoidableTally,
} from './tally/events.js';
export { TALLY_EVENT_TYPES } from './tally/events.js';
export { minimiseMarks } from './tally/minimise-marks.js';
export { parseInput, parseTallyCommand } from './tally/parse-tally-command.js';
export {
  type CellTable,
  createTablesAccumulator,
  crossTabulationKey,
  emptySheetTables,
  foldSheet,
  type SheetTables,
} from './tally/sheet-tables.js';
export { periodOf, type TallyDecision, tallySheetDecider } from './tally/tally-sheet-decider.js';
export {
  emptyTallySheet,
  findTally,
  type TallyEntry,
  type TallyIndex,
  type TallySheetState,
} from './tally/tally-sheet-state.js';
export { VOID_REASONS, type VoidReason } from './tally/void-reasons.js';
