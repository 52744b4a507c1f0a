/**
 * The pure core of pinnstatistik: the catalogue of interventions offered without a needs
 * assessment, their documentation policies, tally commands and events, deciders, refusals,
 * the personal-data guard, the storage ports, the hash-chained envelope and the command service.
 *
 * @packageDocumentation
 * @module @pinnstatistik/core
 */

export { type AdoptCatalogue, AdoptCatalogueSchema, catalogueDecider } from './catalogue/adopt-catalogue.js';
// Catalogue
export {
  type AgeBanding,
  AgeBandingSchema,
  type AgeDomain,
  ageBandCodes,
  ageBandOf,
  ageBandRange,
} from './catalogue/age-banding.js';
export { ASSUMPTION_KINDS, type Assumption, AssumptionSchema } from './catalogue/assumption.js';
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
export { childAndYouthAgeClasses } from './catalogue/child-age-classes.js';
export {
  type Code,
  type CodeList,
  CodeListSchema,
  CodeSchema,
  NOT_APPLICABLE,
  NOT_STATED,
} from './catalogue/code-list.js';
export { defaultCodeLists } from './catalogue/default-code-lists.js';
export { AgeDomainSchema, type Dimension, type DimensionId, DimensionSchema } from './catalogue/dimension.js';
export { dimensionValueLabel, dimensionValues, findDimension } from './catalogue/dimension-values.js';
export {
  DOCUMENTATION_KIND_LABELS,
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
  NOT_IN_SOURCE,
} from './catalogue/legal-basis.js';
export { type Language, type LocalizedText, LocalizedTextSchema } from './catalogue/localized-text.js';
export { type LargestEvent, largestEvents } from './catalogue/padded-sizes-fit.js';
export {
  type CatalogueInvalid,
  catalogueJsonSchema,
  isCatalogueInvalid,
  parseCatalogue,
  parseCatalogueJson,
} from './catalogue/parse-catalogue.js';
export { requiresSeries, talliesSeriesLengths } from './catalogue/series-policy.js';
export { vaggerydCatalogueV1_0, vaggerydCatalogueV1_0Input } from './catalogue/vaggeryd/v1-0/catalogue.js';
export {
  VAGGERYD_1_1_DEFAULT_EFFECTIVE_FROM,
  type VaggerydCatalogueOptions,
  vaggerydCatalogue,
  vaggerydCatalogueInput,
} from './catalogue/vaggeryd/vaggeryd-catalogue.js';
export { toJsonPointer, type ValidationIssue } from './catalogue/validation-issue.js';
// Crypto
export { createAesGcmCipher } from './crypto/aes-gcm-cipher.js';
export type { Cipher } from './crypto/cipher.js';
export { deriveSubkeys, keyedName, type Subkeys } from './crypto/key-derivation.js';
export { associatedData, createPayloadSealer } from './crypto/payload-sealer.js';
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
export { CODEC_IDS, type CodecName, codecIdOf, codecNameOf } from './envelope/codec-ids.js';
export {
  ENVELOPE_VERSION,
  type EnvelopeHeader,
  encodeHeader,
  HEADER_BYTES,
  readCodec,
  readHeader,
} from './envelope/envelope-header.js';
export {
  GENESIS_HASH,
  type HashedEvent,
  hashEvent,
  hashFromHex,
  hashHex,
  sameHash,
} from './envelope/event-hash.js';
export { deriveEventId, keyedEventId } from './envelope/event-id.js';
export { decodeInner, type EventMeta, encodeInner, type InnerRecord } from './envelope/inner-record.js';
export {
  isMalformedEvent,
  MalformedEvent,
  type OpenEventOptions,
  type OpenedEvent,
  openEvent,
  type ReadableEvent,
  type SealedAway,
  type SealerFor,
} from './envelope/open-event.js';
export {
  bucketFor,
  isPaddedSizeExceeded,
  PaddedSizeExceeded,
  padTo,
  unpad,
} from './envelope/padding.js';
export { PADDED_SIZES, paddedSizeFor } from './envelope/padding-policy.js';
export {
  ENCRYPTED_TYPE,
  type EventDraft,
  type PayloadSealer,
  type SealContext,
  type SealedEvent,
  type StreamPrivacy,
  sealEvent,
} from './envelope/seal-event.js';
// Input boundary
export { catalogueVocabulary } from './input/guard-vocabulary.js';
export {
  DEFAULT_STRING_LIMIT,
  DOCUMENT_STRING_LIMIT,
  MAX_CHARACTERS,
  MAX_DEPTH,
  MAX_ENTRIES,
  MAX_VALUES,
} from './input/input-limits.js';
export { issueInSwedish } from './input/issue-in-swedish.js';
export { type ReadInputOptions, readInput } from './input/read-input.js';
export type { JsonObject, JsonValue } from './json.js';
// Merkle trees, signed checkpoints and proofs (RFC 9162)
export { accountForDeletion } from './merkle/account-for-deletion.js';
export { chainFindingText } from './merkle/chain-finding-text.js';
export { consistencyProof, verifyConsistency } from './merkle/consistency-proof.js';
export {
  type ConsistencyFrom,
  checkpointedSizes,
  type DeletionProofs,
  deletionProofs,
} from './merkle/deletion-proofs.js';
export {
  logKeyId,
  publicKeyFromPem,
  publicKeyPem,
  type SigningKey,
  signingKeyFromSeed,
  signingKeyFromStored,
  verifySignature,
} from './merkle/ed25519.js';
export {
  checkEventInclusion,
  type EventInclusionProof,
  type InclusionProblem,
  proveEventInclusion,
} from './merkle/event-inclusion.js';
export { inclusionProof, verifyInclusion } from './merkle/inclusion-proof.js';
export {
  type CheckpointLeaf,
  type CheckpointProblem,
  checkCheckpoint,
  checkpointLeaves,
  checkpointMessage,
  checkpointSigned,
  LOG_CHECKPOINT_STREAM,
  LOG_CHECKPOINT_TYPE,
  type LogCheckpoint,
  parseLogCheckpoint,
  signCheckpoint,
} from './merkle/log-checkpoint.js';
export {
  isLogFinding,
  LOG_FINDING_CODES,
  type LogFinding,
  type LogFindingCode,
} from './merkle/log-finding.js';
export {
  declaredLogKeys,
  LOG_KEYS_STREAM,
  type LogKeyAdopted,
  type LogKeyEvent,
  type LogKeyRotated,
  rotateTo,
  rotationMessage,
  trustedLogKeys,
} from './merkle/log-key-events.js';
export { createLogState, isInLogTree, type LogState } from './merkle/log-state.js';
export {
  byStreamName,
  encodeLogLeaf,
  type LogLeaf,
  logLeafHash,
  logRoot,
  sortedLeaves,
} from './merkle/log-tree.js';
export {
  createLogVerifier,
  type HeldCheckpoint,
  type LogVerification,
  type LogVerifier,
  type LogVerifierOptions,
} from './merkle/log-verifier.js';
export {
  adoptNewLogKey,
  checkpointOf,
  computeLogLeaves,
  currentSigningKey,
  type LogSigning,
  latestLogCheckpoint,
  readLogKeyEvents,
  rotateLogKey,
  SigningKeyMissing,
  storedLogCheckpoints,
  writeLogCheckpoint,
} from './merkle/log-writer.js';
export { EMPTY_TREE_ROOT, type Hash, leafHash, nodeHash } from './merkle/merkle-hash.js';
export { type CompactTree, createCompactTree, merkleRoot } from './merkle/merkle-tree.js';
export { streamLeaf, streamRoot } from './merkle/stream-tree.js';
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
  type StreamAppend,
  type StreamDeleted,
  type StreamDeletion,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionFilter,
  type SubscriptionHandler,
  type WrongExpectedRevision,
} from './ports/event-store.js';
export type { KeyDestruction, KeyStore } from './ports/key-store.js';
export { type Random, secureRandom, seededRandom } from './ports/random.js';
export { readAllInPages } from './ports/read-all-in-pages.js';
export { isStoreUnavailable, StoreUnavailable } from './ports/store-unavailable.js';
export { requireStreamsNamedOnce } from './ports/streams-named-once.js';
// Privacy
export {
  findPersonalData,
  findPersonalDataAcrossNotes,
  NOTE_TAIL_LENGTH,
} from './privacy/find-personal-data.js';
export { passesLuhn } from './privacy/luhn.js';
export { normaliseForScan, normaliseForStorage } from './privacy/normalise-text.js';
export {
  type GuardOptions,
  type PersonalDataFinding,
  scanForPersonalData,
} from './privacy/personal-data-guard.js';
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
  type AmendmentPlace,
  amendmentProof,
  isProvenAmendment,
} from './sealing/amendment-proof.js';
export { isWellFormedPeriodEvent } from './sealing/period-event-shapes.js';
export {
  type AmendmentReason,
  type DeletedStream,
  PERIOD_EVENT_TYPES,
  type PeriodEvent,
  type PeriodSealed,
  type RegistryClosed,
  type RegistryEvent,
  type SealedSheet,
  type SheetAmended,
  type SheetRegistered,
  type SheetsSealed,
} from './sealing/period-events.js';
export {
  emptyPeriod,
  emptyRegistry,
  evolvePeriod,
  evolveRegistry,
  type PeriodState,
  type RegistryState,
  sheetKey,
} from './sealing/period-state.js';
export {
  type ReadSealedPeriodOptions,
  readSealedPeriod,
  type SealedPeriodRecord,
} from './sealing/read-sealed-period.js';
export { type SealPeriod, SealPeriodSchema } from './sealing/seal-period-command.js';
export {
  isProvenSealOf,
  isSealOverTables,
  SEAL_PROOF_KEY_ID,
  tablesDigest,
} from './sealing/seal-proof.js';
export { readSealProofKey } from './sealing/seal-proof-key.js';
export {
  CLOSE_REASONS,
  type CloseSeries,
  CloseSeriesSchema,
  MAX_NOTE_LENGTH,
  type OpenSeries,
  OpenSeriesSchema,
  type ReadNotes,
  ReadNotesSchema,
  type RecordSession,
  RecordSessionSchema,
  type WriteNote,
  WriteNoteSchema,
} from './series/series-commands.js';
export type {
  NoteWritten,
  SeriesClosed,
  SeriesClosing as SeriesClosingEvent,
  SeriesClosingReason,
  SeriesEvent,
  SeriesIndexEvent,
  SeriesIndexed,
  SeriesOpened,
  SeriesPadded,
  SessionRecorded,
  SessionsCarried,
} from './series/series-events.js';
export { seriesSizeBucket } from './series/series-size-bucket.js';
export { emptySeries, evolveSeries, type SeriesState } from './series/series-state.js';
export { newSeriesToken, normaliseSeriesToken } from './series/series-token.js';
export { sessionTag } from './series/session-tag.js';
// Service
export { type Backoff, jitteredBackoff } from './service/backoff.js';
export type { AdoptCatalogueInput } from './service/catalogue-keeper.js';
export {
  type CatalogueChainHead,
  type CatalogueVersionVetting,
  createCatalogueVersionVetting,
} from './service/catalogue-version-vetting.js';
export {
  catalogueVersionId,
  catalogueVersionsRegisteredId,
  isRegisteredCatalogueVersion,
  markCatalogueVersionsRegistered,
  registerCatalogueVersion,
  registersCatalogueVersions,
} from './service/catalogue-versions.js';
export { commandDigest } from './service/command-digest.js';
export {
  type CommandService,
  type CommandServiceOptions,
  createCommandService,
} from './service/command-service.js';
export { IntegrityError, isIntegrityError } from './service/integrity-error.js';
export type { WorkingNote } from './service/notes-vault.js';
export { earliestSealDate, type SealReport } from './service/period-sealer.js';
export type { Receipt, TallyReceipt } from './service/receipt.js';
export {
  type CatalogueVersionsNotRegistered,
  registerCatalogueVersions,
} from './service/register-catalogue-versions.js';
export type { SeriesClosing } from './service/series-closer.js';
export { type OpenedSeries, SERIES_TOKEN_KEY_ID } from './service/series-opener.js';
export { seriesStreamOf } from './service/series-store.js';
export { isRegisteredStoreOrigin, registerStoreOrigin, storeOriginId } from './service/store-origin.js';
export {
  type VettedCatalogueStream,
  vetCatalogueStream,
  vettedCatalogues,
} from './service/vetted-catalogues.js';
export {
  catalogueStream,
  type PrivateStreamKind,
  periodKeyId,
  periodStream,
  privateStreamOf,
  registryStream,
  SERIES_INDEX_STREAM,
  STREAM_PREFIXES,
  tallySheetStream,
} from './streams.js';
// Subscriptions
export { type CatchUpSource, createCatchUpSubscription } from './subscriptions/catch-up-subscription.js';
// Tally
export {
  CommandIdSchema,
  MAX_MARK_ENTRIES,
  MarksSchema,
  type MarkValue,
  MarkValueSchema,
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
  SeriesEndMarked,
  SessionOfSeries,
  SheetClosed,
  SheetCoordinates,
  SheetDetailEvent,
  StoredMark,
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
