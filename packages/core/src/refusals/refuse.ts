import type { LocalizedText } from '../catalogue/localized-text.js';
import type { ValidationIssue } from '../catalogue/validation-issue.js';
import type { PersonalDataKind } from '../privacy/personal-data-kind.js';
import type { Refusal, RuleReference } from './refusal.js';

type Of<Code extends Refusal['code']> = Extract<Refusal, { code: Code }>;

const personalDataNames: Record<PersonalDataKind, LocalizedText> = {
  personnummer: { sv: 'ett personnummer', en: 'a Swedish personal identity number (personnummer)' },
  samordningsnummer: { sv: 'ett samordningsnummer', en: 'a coordination number (samordningsnummer)' },
  'phone-number': { sv: 'ett telefonnummer', en: 'a phone number' },
  'email-address': { sv: 'en e-postadress', en: 'an e-mail address' },
};

const list = (values: readonly string[]): string => values.join(', ');

/** Builders for every refusal, each with its Swedish and English message. */
export const refuse = {
  documentationExempt: (
    rule: RuleReference,
    name: LocalizedText,
    ground: LocalizedText,
  ): Of<'DOCUMENTATION_EXEMPT'> => ({
    kind: 'refusal',
    code: 'DOCUMENTATION_EXEMPT',
    rule,
    ground,
    message: {
      sv: `${name.sv}: dokumentation undantas – ingenting får registreras, inte ens pinnstatistik. Skäl: ${ground.sv}`,
      en: `${name.en}: documentation is exempt – nothing may be recorded, not even tallies. Ground: ${ground.en}`,
    },
  }),
  caseRecordRequired: (
    rule: RuleReference,
    name: LocalizedText,
    system: LocalizedText,
  ): Of<'CASE_RECORD_REQUIRED'> => ({
    kind: 'refusal',
    code: 'CASE_RECORD_REQUIRED',
    rule,
    system,
    message: {
      sv: `${name.sv} kräver dokumentation i verksamhetssystem och hör inte hit. Dokumentera i: ${system.sv}.`,
      en: `${name.en} requires a case record and does not belong here. Document it in: ${system.en}.`,
    },
  }),
  unknownIntervention: (rule: RuleReference, interventionId: string): Of<'UNKNOWN_INTERVENTION'> => ({
    kind: 'refusal',
    code: 'UNKNOWN_INTERVENTION',
    rule,
    interventionId,
    message: {
      sv: `Insatsen "${interventionId}" finns inte i katalogen ${rule.catalogueId ?? ''} version ${rule.catalogueVersion ?? ''}. Ange insatsens id, inte dess namn.`,
      en: `There is no intervention "${interventionId}" in catalogue ${rule.catalogueId ?? ''} version ${rule.catalogueVersion ?? ''}. Give the intervention's id, not its name.`,
    },
  }),
  unitNotResponsible: (
    rule: RuleReference,
    name: LocalizedText,
    unitId: string,
    responsibleUnits: readonly string[],
  ): Of<'UNIT_NOT_RESPONSIBLE'> => ({
    kind: 'refusal',
    code: 'UNIT_NOT_RESPONSIBLE',
    rule,
    unitId,
    responsibleUnits,
    message: {
      sv: `Enheten "${unitId}" ansvarar inte för ${name.sv}. Ansvariga enheter: ${list(responsibleUnits)}.`,
      en: `Unit "${unitId}" is not responsible for ${name.en}. Responsible units: ${list(responsibleUnits)}.`,
    },
  }),
  recordingNotAllowed: (
    rule: RuleReference,
    name: LocalizedText,
    recording: Of<'RECORDING_NOT_ALLOWED'>['recording'],
  ): Of<'RECORDING_NOT_ALLOWED'> => {
    const what = {
      contact: { sv: 'enskilda kontakter', en: 'individual contacts' },
      'group-meeting': { sv: 'gruppträffar', en: 'group meetings' },
      visitors: { sv: 'besökare', en: 'visitors' },
    }[recording];
    return {
      kind: 'refusal',
      code: 'RECORDING_NOT_ALLOWED',
      rule,
      recording,
      message: {
        sv: `För ${name.sv} förs ingen pinnstatistik över ${what.sv}; se insatsens policy för vad som räknas.`,
        en: `${name.en} does not tally ${what.en}; see the intervention's policy for what is counted.`,
      },
    };
  },
  dimensionNotAllowed: (
    rule: RuleReference,
    name: LocalizedText,
    dimension: string,
    allowed: readonly string[],
  ): Of<'DIMENSION_NOT_ALLOWED'> => ({
    kind: 'refusal',
    code: 'DIMENSION_NOT_ALLOWED',
    rule,
    dimension,
    allowed,
    message: {
      sv: `Uppgiften "${dimension}" får inte registreras för ${name.sv}. Tillåtna uppgifter: ${list(allowed) || 'inga'}.`,
      en: `"${dimension}" may not be recorded for ${name.en}. Allowed: ${list(allowed) || 'none'}.`,
    },
  }),
  dimensionMissing: (
    rule: RuleReference,
    name: LocalizedText,
    dimension: string,
  ): Of<'DIMENSION_MISSING'> => ({
    kind: 'refusal',
    code: 'DIMENSION_MISSING',
    rule,
    dimension,
    message: {
      sv: `Uppgiften "${dimension}" saknas; ${name.sv} räknar den. Ange "not-stated" om den är okänd.`,
      en: `"${dimension}" is missing; ${name.en} tallies it. Give "not-stated" when it is unknown.`,
    },
  }),
  valueNotInCodeList: (
    rule: RuleReference,
    dimension: string,
    allowed: readonly string[],
  ): Of<'VALUE_NOT_IN_CODE_LIST'> => ({
    kind: 'refusal',
    code: 'VALUE_NOT_IN_CODE_LIST',
    rule,
    dimension,
    allowed,
    message: {
      sv: `Värdet för "${dimension}" finns inte i kodlistan. Tillåtna värden: ${list(allowed)}.`,
      en: `The value for "${dimension}" is not in its code list. Allowed values: ${list(allowed)}.`,
    },
  }),
  outsideTargetGroup: (
    rule: RuleReference,
    name: LocalizedText,
    target: LocalizedText,
    dimension: string,
    range: { min?: number; max?: number },
  ): Of<'OUTSIDE_TARGET_GROUP'> => ({
    kind: 'refusal',
    code: 'OUTSIDE_TARGET_GROUP',
    rule,
    dimension,
    range,
    message: {
      sv: `Åldern ligger utanför målgruppen för ${name.sv} (${target.sv}).`,
      en: `The age is outside the target group of ${name.en} (${target.en}).`,
    },
  }),
  noCatalogueInForce: (rule: RuleReference, date: string): Of<'NO_CATALOGUE_IN_FORCE'> => ({
    kind: 'refusal',
    code: 'NO_CATALOGUE_IN_FORCE',
    rule,
    date,
    message: {
      sv: `Ingen version av katalogen${rule.catalogueId === undefined ? '' : ` "${rule.catalogueId}"`} gällde ${date}. Anta en katalog som gäller från det datumet först.`,
      en: `No version of the catalogue${rule.catalogueId === undefined ? '' : ` "${rule.catalogueId}"`} was in force on ${date}. Adopt a catalogue effective from that date first.`,
    },
  }),
  personalDataDetected: (path: string, personalDataKind: PersonalDataKind): Of<'PERSONAL_DATA_DETECTED'> => ({
    kind: 'refusal',
    code: 'PERSONAL_DATA_DETECTED',
    rule: { clause: 'privacy/minimisation' },
    path,
    personalDataKind,
    message: {
      sv: `Fältet ${path || '(roten)'} ser ut att innehålla ${personalDataNames[personalDataKind].sv}. Pinnstatistik får inte kunna kopplas till enskilda: ingenting har sparats.`,
      en: `Field ${path || '(root)'} appears to contain ${personalDataNames[personalDataKind].en}. Tallies must not be linkable to individuals: nothing was stored.`,
    },
  }),
  invalidInput: (issues: readonly ValidationIssue[], clause = 'commands'): Of<'INVALID_INPUT'> => {
    const summary = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    return {
      kind: 'refusal',
      code: 'INVALID_INPUT',
      rule: { clause },
      issues,
      message: { sv: `Ogiltig indata – ${summary}`, en: `Invalid input – ${summary}` },
    };
  },
  dateInFuture: (date: string): Of<'DATE_IN_FUTURE'> => ({
    kind: 'refusal',
    code: 'DATE_IN_FUTURE',
    rule: { clause: 'commands/date' },
    date,
    message: {
      sv: `Datumet ${date} har inte inträffat än; pinnstatistik förs för det som har hänt.`,
      en: `The date ${date} has not happened yet; tallies record what has happened.`,
    },
  }),
  tallyNotFound: (rule: RuleReference, tallyId: string): Of<'TALLY_NOT_FOUND'> => ({
    kind: 'refusal',
    code: 'TALLY_NOT_FOUND',
    rule,
    tallyId,
    message: {
      sv: `Registreringen ${tallyId} finns inte på pinnlistan för den insatsen, enheten och månaden.`,
      en: `Tally ${tallyId} is not on the tally sheet of that intervention, unit and month.`,
    },
  }),
  tallyAlreadyVoided: (rule: RuleReference, tallyId: string): Of<'TALLY_ALREADY_VOIDED'> => ({
    kind: 'refusal',
    code: 'TALLY_ALREADY_VOIDED',
    rule,
    tallyId,
    message: {
      sv: `Registreringen ${tallyId} är redan makulerad.`,
      en: `Tally ${tallyId} has already been voided.`,
    },
  }),
  catalogueRejected: (issues: readonly ValidationIssue[]): Of<'CATALOGUE_REJECTED'> => {
    const summary = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
    return {
      kind: 'refusal',
      code: 'CATALOGUE_REJECTED',
      rule: { clause: 'catalogue/schema' },
      issues,
      message: { sv: `Katalogen är ogiltig – ${summary}`, en: `The catalogue is invalid – ${summary}` },
    };
  },
  catalogueVersionExists: (rule: RuleReference, version: string): Of<'CATALOGUE_VERSION_EXISTS'> => ({
    kind: 'refusal',
    code: 'CATALOGUE_VERSION_EXISTS',
    rule,
    version,
    message: {
      sv: `Version ${version} av katalogen är redan antagen med annat innehåll. En ändring antas som en ny version.`,
      en: `Version ${version} of the catalogue was already adopted with other content. A change is adopted as a new version.`,
    },
  }),
  concurrencyConflict: (stream: string): Of<'CONCURRENCY_CONFLICT'> => ({
    kind: 'refusal',
    code: 'CONCURRENCY_CONFLICT',
    rule: { clause: 'service/retries' },
    stream,
    message: {
      sv: 'Andra registreringar skrevs samtidigt och försöken tog slut. Ingenting sparades; försök igen med samma kommando.',
      en: 'Other tallies were being written at the same time and the retries ran out. Nothing was stored; retry the same command.',
    },
  }),
  sheetSealed: (rule: RuleReference, period: string): Of<'SHEET_SEALED'> => ({
    kind: 'refusal',
    code: 'SHEET_SEALED',
    rule,
    period,
    message: {
      sv: `Perioden ${period} är förseglad: detaljerna är ersatta av aggregat och nyckeln är förstörd. Registrera en rättelse som en ändring av pinnlistan (AmendSheet) med ett orsaksvärde.`,
      en: `The period ${period} is sealed: its detail has been replaced by aggregates and its key destroyed. Record a correction as an amendment of the tally sheet (AmendSheet) with a reason code.`,
    },
  }),
  sealTooEarly: (period: string, earliest: string): Of<'SEAL_TOO_EARLY'> => ({
    kind: 'refusal',
    code: 'SEAL_TOO_EARLY',
    rule: { clause: 'sealing/gracePeriod' },
    period,
    earliest,
    message: {
      sv: `Perioden ${period} kan förseglas tidigast ${earliest}, när respitiden för sena registreringar har gått ut.`,
      en: `The period ${period} can be sealed on ${earliest} at the earliest, when the grace period for late tallies is over.`,
    },
  }),
  seriesLimitReached: (
    rule: RuleReference,
    name: LocalizedText,
    limit: number,
    source?: LocalizedText,
  ): Of<'SERIES_LIMIT_REACHED'> => ({
    kind: 'refusal',
    code: 'SERIES_LIMIT_REACHED',
    rule,
    limit,
    message: {
      sv: `${name.sv}: serien har nått gränsen på ${limit} sammanhållande kontakter${source === undefined ? '' : ` (${source.sv.replace(/\.$/, '')})`}. Behövs mer stöd kan personen ansöka om bistånd, så att behovet bedöms och insatsen dokumenteras i verksamhetssystemet.`,
      en: `${name.en}: the series has reached its limit of ${limit} connected contacts${source === undefined ? '' : ` (${source.en.replace(/\.$/, '')})`}. If more support is needed, the person can apply for a needs-assessed intervention, documented in the case-management system.`,
    },
  }),
  seriesNotOffered: (
    rule: RuleReference,
    name: LocalizedText,
    interventionId: string,
  ): Of<'SERIES_NOT_OFFERED'> => ({
    kind: 'refusal',
    code: 'SERIES_NOT_OFFERED',
    rule,
    interventionId,
    message: {
      sv: `${name.sv} har inga återkommande samtal med samma person; tallies förs kontakt för kontakt.`,
      en: `${name.en} has no recurring sessions with one person; tally contact by contact instead.`,
    },
  }),
  invalidSeriesToken: (): Of<'INVALID_SERIES_TOKEN'> => ({
    kind: 'refusal',
    code: 'INVALID_SERIES_TOKEN',
    rule: { clause: 'series/token' },
    message: {
      sv: 'Seriekoden stämmer inte (kontrolltecknet matchar inte). Kontrollera att den är rätt avskriven.',
      en: 'The series token does not check out (its check character does not match). Check that it was copied correctly.',
    },
  }),
  unknownSeries: (): Of<'UNKNOWN_SERIES'> => ({
    kind: 'refusal',
    code: 'UNKNOWN_SERIES',
    rule: { clause: 'series/token' },
    message: {
      sv: 'Det finns ingen serie med den koden.',
      en: 'There is no series with that token.',
    },
  }),
  seriesClosed: (): Of<'SERIES_CLOSED'> => ({
    kind: 'refusal',
    code: 'SERIES_CLOSED',
    rule: { clause: 'series/closed' },
    message: {
      sv: 'Serien är avslutad: dess nyckel och arbetsanteckningar är förstörda. Öppna en ny serie vid behov.',
      en: 'The series is closed: its key and working notes are destroyed. Open a new series if needed.',
    },
  }),
  workingNotesNotAllowed: (
    rule: RuleReference,
    name: LocalizedText,
    documentationKind: string,
  ): Of<'WORKING_NOTES_NOT_ALLOWED'> => ({
    kind: 'refusal',
    code: 'WORKING_NOTES_NOT_ALLOWED',
    rule,
    documentationKind,
    message: {
      sv: `${name.sv} får inte föra arbetsanteckningar (dokumentationsnivå: ${documentationKind}). Endast insatser med arbetsanteckningar + aggregerad data får det.`,
      en: `${name.en} may not keep working notes (documentation: ${documentationKind}). Only interventions with working notes + aggregate data may.`,
    },
  }),
  periodNotSealed: (period: string): Of<'PERIOD_NOT_SEALED'> => ({
    kind: 'refusal',
    code: 'PERIOD_NOT_SEALED',
    rule: { clause: 'sealing/amendments' },
    period,
    message: {
      sv: `Perioden ${period} är inte förseglad: rätta genom att makulera registreringen och registrera på nytt.`,
      en: `The period ${period} is not sealed: correct it by voiding the tally and tallying again.`,
    },
  }),
};
