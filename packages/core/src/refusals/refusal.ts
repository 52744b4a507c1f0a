import type { LocalizedText } from '../catalogue/localized-text.js';
import type { ValidationIssue } from '../catalogue/validation-issue.js';
import type { PersonalDataKind } from '../privacy/personal-data-kind.js';

/** The rule a refusal applies: which intervention, which catalogue version, which clause of it. */
export interface RuleReference {
  readonly catalogueId?: string;
  readonly catalogueVersion?: string;
  readonly interventionId?: string;
  /** Where in the catalogue (or the library's own rules) the rule lives, e.g. `interventions/rad-och-stod/documentation`. */
  readonly clause: string;
}

interface RefusalBase<Code extends string> {
  readonly kind: 'refusal';
  readonly code: Code;
  readonly rule: RuleReference;
  /** What happened and what to do instead, in Swedish and English. */
  readonly message: LocalizedText;
}

/** Nothing may be recorded for the intervention; `ground` is the policy's reason. */
export interface DocumentationExempt extends RefusalBase<'DOCUMENTATION_EXEMPT'> {
  readonly ground: LocalizedText;
}
/** The intervention is documented in a case-management system, not here. */
export interface CaseRecordRequired extends RefusalBase<'CASE_RECORD_REQUIRED'> {
  readonly system: LocalizedText;
}
/** No intervention with that id in the catalogue in force. The id that was sent is not repeated. */
export interface UnknownIntervention extends RefusalBase<'UNKNOWN_INTERVENTION'> {}
/** The unit is not responsible for the intervention (or does not exist). */
export interface UnitNotResponsible extends RefusalBase<'UNIT_NOT_RESPONSIBLE'> {
  /** The unit, only when it is one of the catalogue's: an id the catalogue does not know is never repeated. */
  readonly unitId?: string;
  /** The catalogue's ids of the units that are. */
  readonly responsibleUnits: readonly string[];
}
/** The intervention does not keep this kind of tally (contacts, group meetings, visitors). */
export interface RecordingNotAllowed extends RefusalBase<'RECORDING_NOT_ALLOWED'> {
  readonly recording: 'contact' | 'group-meeting' | 'visitors';
}
/** A mark for a dimension the intervention's policy does not tally. */
export interface DimensionNotAllowed extends RefusalBase<'DIMENSION_NOT_ALLOWED'> {
  /** The dimension, only when it is one of the catalogue's: a key the catalogue does not know is never repeated. */
  readonly dimension?: string;
  /** The catalogue's ids of the dimensions that are tallied. */
  readonly allowed: readonly string[];
}
/** A dimension the policy tallies was left out (use `not-stated` when it is unknown). */
export interface DimensionMissing extends RefusalBase<'DIMENSION_MISSING'> {
  readonly dimension: string;
}
/** A value outside the dimension's closed list. The value itself is never repeated. */
export interface ValueNotInCodeList extends RefusalBase<'VALUE_NOT_IN_CODE_LIST'> {
  readonly dimension: string;
  readonly allowed: readonly string[];
}
/** An age outside the intervention's target group. */
export interface OutsideTargetGroup extends RefusalBase<'OUTSIDE_TARGET_GROUP'> {
  readonly dimension: string;
  readonly range: { readonly min?: number; readonly max?: number };
}
/** No catalogue version was in force on the date. */
export interface NoCatalogueInForce extends RefusalBase<'NO_CATALOGUE_IN_FORCE'> {
  readonly date: string;
}
/** Input looked like a personnummer, samordningsnummer, phone number or e-mail address. The value is never repeated. */
export interface PersonalDataDetected extends RefusalBase<'PERSONAL_DATA_DETECTED'> {
  /** Where: a JSON Pointer that names only schema fields, catalogue ids and indices (a key that is personal data is located by its parent). */
  readonly path: string;
  readonly personalDataKind: PersonalDataKind;
}
/** Input did not have the command's shape, or was not plain data within the input limits. */
export interface InvalidInput extends RefusalBase<'INVALID_INPUT'> {
  /** Each problem by a pointer that names only schema fields, and what was expected — never what was sent. */
  readonly issues: readonly ValidationIssue[];
}
/** A tally dated after today. */
export interface DateInFuture extends RefusalBase<'DATE_IN_FUTURE'> {
  readonly date: string;
}
/** The tally to void is not on the sheet. (The caller knows which; its id is not repeated.) */
export interface TallyNotFound extends RefusalBase<'TALLY_NOT_FOUND'> {}
/** The tally was voided already. (The caller knows which; its id is not repeated.) */
export interface TallyAlreadyVoided extends RefusalBase<'TALLY_ALREADY_VOIDED'> {}
/** A catalogue that failed validation was offered for adoption. */
export interface CatalogueRejected extends RefusalBase<'CATALOGUE_REJECTED'> {
  readonly issues: readonly ValidationIssue[];
}
/** The catalogue version was adopted before with different content; a revision needs a new version. */
export interface CatalogueVersionExists extends RefusalBase<'CATALOGUE_VERSION_EXISTS'> {
  readonly version: string;
}
/**
 * The catalogue stream was not begun by a service of this key store, nor registered by the
 * operator: anyone who can write to the store could have begun it, so no version in it is taken.
 */
export interface CatalogueNotRegistered extends RefusalBase<'CATALOGUE_NOT_REGISTERED'> {}
/** The command kept meeting concurrent writers; nothing was written and it may be retried as is. */
export interface ConcurrencyConflict extends RefusalBase<'CONCURRENCY_CONFLICT'> {
  readonly stream: string;
}

/** The sheet's period is sealed: tallies are aggregates now; a correction is an amendment. */
export interface SheetSealed extends RefusalBase<'SHEET_SEALED'> {
  readonly period: string;
}
/** The period cannot be sealed yet: its grace period after the month's end has not passed. */
export interface SealTooEarly extends RefusalBase<'SEAL_TOO_EARLY'> {
  readonly period: string;
  readonly earliest: string;
}
/** The series has reached the policy's limit of connected contacts. */
export interface SeriesLimitReached extends RefusalBase<'SERIES_LIMIT_REACHED'> {
  readonly limit: number;
}
/** The intervention does not group contacts into series. */
export interface SeriesNotOffered extends RefusalBase<'SERIES_NOT_OFFERED'> {
  readonly interventionId: string;
}
/** A token that is not well formed or whose check character does not match (a typo). */
export interface InvalidSeriesToken extends RefusalBase<'INVALID_SERIES_TOKEN'> {}
/** No series has this token. */
export interface UnknownSeries extends RefusalBase<'UNKNOWN_SERIES'> {}
/** The series is closed: its key, and with it its working notes, are destroyed. */
export interface SeriesClosed extends RefusalBase<'SERIES_CLOSED'> {}
/** Working notes are only for interventions whose policy allows them. */
export interface WorkingNotesNotAllowed extends RefusalBase<'WORKING_NOTES_NOT_ALLOWED'> {
  readonly documentationKind: string;
}

/** An amendment is for sealed periods; an open period is corrected by voiding and tallying again. */
export interface PeriodNotSealed extends RefusalBase<'PERIOD_NOT_SEALED'> {
  readonly period: string;
}

/** The intervention requires every contact to belong to a series (its limit counts them). */
export interface SeriesRequired extends RefusalBase<'SERIES_REQUIRED'> {
  readonly interventionId: string;
}
/** The command id was used before for a command with other content: nothing was written. */
export interface CommandIdReused extends RefusalBase<'COMMAND_ID_REUSED'> {}
/**
 * The command id is already borne by an event in the stream that the key store does not vouch for
 * (written by someone else, who guessed the id): its receipt is not the command's, and nothing was
 * written.
 */
export interface CommandIdTaken extends RefusalBase<'COMMAND_ID_TAKEN'> {}
/**
 * An event the command would write does not fit the padded size of its stream — possible only
 * under a catalogue adopted before such catalogues were refused: nothing was written.
 */
export interface EventTooLarge extends RefusalBase<'EVENT_TOO_LARGE'> {}
/**
 * The month's key is gone though the month is not sealed — destroyed outside the library: its
 * detail cannot be read, nothing more can be stored for it, and nothing was written.
 */
export interface PeriodKeyLost extends RefusalBase<'PERIOD_KEY_LOST'> {
  readonly period: string;
}
/**
 * The store could not be reached and the retries ran out. `outcome` says whether anything may
 * have been written; either way the same command may be retried as is (it is idempotent).
 */
export interface StoreUnavailableRefusal extends RefusalBase<'STORE_UNAVAILABLE'> {
  readonly outcome: 'not-written' | 'unknown';
}

/** Every reason the library refuses a command: a discriminated union on `code`. */
export type Refusal =
  | DocumentationExempt
  | CaseRecordRequired
  | UnknownIntervention
  | UnitNotResponsible
  | RecordingNotAllowed
  | DimensionNotAllowed
  | DimensionMissing
  | ValueNotInCodeList
  | OutsideTargetGroup
  | NoCatalogueInForce
  | PersonalDataDetected
  | InvalidInput
  | DateInFuture
  | TallyNotFound
  | TallyAlreadyVoided
  | CatalogueRejected
  | CatalogueVersionExists
  | CatalogueNotRegistered
  | ConcurrencyConflict
  | SheetSealed
  | SealTooEarly
  | SeriesLimitReached
  | SeriesNotOffered
  | InvalidSeriesToken
  | UnknownSeries
  | SeriesClosed
  | WorkingNotesNotAllowed
  | PeriodNotSealed
  | SeriesRequired
  | CommandIdReused
  | CommandIdTaken
  | EventTooLarge
  | PeriodKeyLost
  | StoreUnavailableRefusal;

/** A refusal's stable code. */
export type RefusalCode = Refusal['code'];

/** Every refusal code, for exhaustive tests and documentation. */
export const REFUSAL_CODES = [
  'DOCUMENTATION_EXEMPT',
  'CASE_RECORD_REQUIRED',
  'UNKNOWN_INTERVENTION',
  'UNIT_NOT_RESPONSIBLE',
  'RECORDING_NOT_ALLOWED',
  'DIMENSION_NOT_ALLOWED',
  'DIMENSION_MISSING',
  'VALUE_NOT_IN_CODE_LIST',
  'OUTSIDE_TARGET_GROUP',
  'NO_CATALOGUE_IN_FORCE',
  'PERSONAL_DATA_DETECTED',
  'INVALID_INPUT',
  'DATE_IN_FUTURE',
  'TALLY_NOT_FOUND',
  'TALLY_ALREADY_VOIDED',
  'CATALOGUE_REJECTED',
  'CATALOGUE_VERSION_EXISTS',
  'CATALOGUE_NOT_REGISTERED',
  'CONCURRENCY_CONFLICT',
  'SHEET_SEALED',
  'SEAL_TOO_EARLY',
  'SERIES_LIMIT_REACHED',
  'SERIES_NOT_OFFERED',
  'INVALID_SERIES_TOKEN',
  'UNKNOWN_SERIES',
  'SERIES_CLOSED',
  'WORKING_NOTES_NOT_ALLOWED',
  'PERIOD_NOT_SEALED',
  'SERIES_REQUIRED',
  'COMMAND_ID_REUSED',
  'COMMAND_ID_TAKEN',
  'EVENT_TOO_LARGE',
  'PERIOD_KEY_LOST',
  'STORE_UNAVAILABLE',
] as const satisfies readonly RefusalCode[];

const knownCodes: ReadonlySet<string> = new Set(REFUSAL_CODES);

/** Structural guard: true for any refusal, whichever package or copy of the library made it. */
export function isRefusal(value: unknown): value is Refusal {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<'kind' | 'code' | 'message' | 'rule', unknown>>;
  const message = candidate.message as Partial<LocalizedText> | undefined;
  return (
    candidate.kind === 'refusal' &&
    typeof candidate.code === 'string' &&
    knownCodes.has(candidate.code) &&
    typeof message?.sv === 'string' &&
    typeof message.en === 'string' &&
    typeof candidate.rule === 'object' &&
    candidate.rule !== null
  );
}

/** Narrows a refusal to one code. */
export function isRefusalWithCode<Code extends RefusalCode>(
  value: unknown,
  code: Code,
): value is Extract<Refusal, { code: Code }> {
  return isRefusal(value) && value.code === code;
}
