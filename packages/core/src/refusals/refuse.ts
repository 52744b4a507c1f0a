import { DOCUMENTATION_KIND_LABELS, type DocumentationKind } from '../catalogue/documentation-kind.js';
import type { LocalizedText } from '../catalogue/localized-text.js';
import type { ValidationIssue } from '../catalogue/validation-issue.js';
import { issueInSwedish } from '../input/issue-in-swedish.js';
import type { PersonalDataKind } from '../privacy/personal-data-kind.js';
import type { Refusal, RuleReference } from './refusal.js';

type Of<Code extends Refusal['code']> = Extract<Refusal, { code: Code }>;

const personalDataNames: Record<PersonalDataKind, LocalizedText> = {
  personnummer: { sv: 'ett personnummer', en: 'a Swedish personal identity number (personnummer)' },
  samordningsnummer: { sv: 'ett samordningsnummer', en: 'a coordination number (samordningsnummer)' },
  'phone-number': { sv: 'ett telefonnummer', en: 'a phone number' },
  'email-address': { sv: 'en e-postadress', en: 'an e-mail address' },
};

/** A dimension or a value as the catalogue names it: its id for the record, its label for the reader. */
interface Labelled {
  readonly id: string;
  readonly label: LocalizedText;
}

/** Labels in a list, by semicolons: a label may hold a comma of its own ("Alkohol, droger, spel"). */
const labels = (entries: readonly Labelled[], language: 'sv' | 'en'): string =>
  entries.map((entry) => entry.label[language]).join('; ');

/**
 * The rule of a refusal about a sheet (not about a policy): without its intervention id,
 * which may be one the caller sent and nothing checked against the catalogue (a void or a
 * sealed month is refused before the policy is looked up).
 */
const sheetRule = ({ interventionId: _unchecked, ...rule }: RuleReference): RuleReference => rule;

/** Where the first problem is, what was expected there, and how many more there are. */
function summarise(issues: readonly ValidationIssue[]): LocalizedText {
  const [first] = issues;
  const more = issues.length - 1;
  const sv =
    first === undefined
      ? 'i indata som helhet'
      : `${first.path === '' ? 'i indata som helhet' : `i fältet ${first.path}`}: ${issueInSwedish(first.message)}`;
  const en =
    first === undefined
      ? 'the input as a whole'
      : `${first.path || 'the input as a whole'}: ${first.message}`;
  return {
    sv: more > 0 ? `${sv} och ${more} fel till` : sv,
    en: more > 0 ? `${en} (and ${more} more)` : en,
  };
}

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
  /** The intervention id that was sent is never repeated (the second argument is ignored; it is kept for callers). */
  unknownIntervention: (rule: RuleReference, _interventionId?: string): Of<'UNKNOWN_INTERVENTION'> => {
    const catalogue =
      rule.catalogueId === undefined ? '' : ` ${rule.catalogueId} version ${rule.catalogueVersion ?? ''}`;
    // Swedish names the version only: the catalogue's id is a code, not a name.
    const version = rule.catalogueVersion === undefined ? '' : ` (version ${rule.catalogueVersion})`;
    return {
      kind: 'refusal',
      code: 'UNKNOWN_INTERVENTION',
      rule,
      message: {
        sv: `Det finns ingen sådan insats i katalogen${version}. Ange insatsens id från katalogen, inte dess namn.`,
        en: `There is no such intervention in the catalogue${catalogue}. Give the intervention's id from the catalogue, not its name.`,
      },
    };
  },
  /**
   * `unit` is the catalogue's unit when the id sent is one of them (it is then named by its
   * label); an id the catalogue does not know is never repeated.
   */
  unitNotResponsible: (
    rule: RuleReference,
    name: LocalizedText,
    unit: { readonly id: string; readonly name: LocalizedText } | undefined,
    responsible: readonly { readonly id: string; readonly name: LocalizedText }[],
  ): Of<'UNIT_NOT_RESPONSIBLE'> => {
    const units = (language: 'sv' | 'en') => responsible.map((entry) => entry.name[language]).join(', ');
    return {
      kind: 'refusal',
      code: 'UNIT_NOT_RESPONSIBLE',
      rule,
      ...(unit === undefined ? {} : { unitId: unit.id }),
      responsibleUnits: responsible.map((entry) => entry.id),
      message:
        unit === undefined
          ? {
              sv: `Den angivna enheten finns inte i katalogen. ${name.sv} ges av: ${units('sv')}.`,
              en: `The unit given is not in the catalogue. ${name.en} is delivered by: ${units('en')}.`,
            }
          : {
              sv: `Enheten ${unit.name.sv} ansvarar inte för ${name.sv}. Ansvariga enheter: ${units('sv')}.`,
              en: `${unit.name.en} is not responsible for ${name.en}. Responsible units: ${units('en')}.`,
            },
    };
  },
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
  /**
   * `dimension` is the catalogue's dimension when the key sent is one of them (it is then
   * named by its label); a key the catalogue does not know is never repeated.
   */
  dimensionNotAllowed: (
    rule: RuleReference,
    name: LocalizedText,
    dimension: { readonly id: string; readonly label: LocalizedText } | undefined,
    allowed: readonly { readonly id: string; readonly label: LocalizedText }[],
  ): Of<'DIMENSION_NOT_ALLOWED'> => {
    const labels = (language: 'sv' | 'en') => allowed.map((entry) => entry.label[language]).join(', ');
    return {
      kind: 'refusal',
      code: 'DIMENSION_NOT_ALLOWED',
      rule,
      ...(dimension === undefined ? {} : { dimension: dimension.id }),
      allowed: allowed.map((entry) => entry.id),
      message:
        dimension === undefined
          ? {
              sv: `En uppgift som inte finns i katalogen skickades för ${name.sv}. Det som registreras: ${labels('sv') || 'inget'}.`,
              en: `A mark the catalogue does not know was sent for ${name.en}. What is recorded: ${labels('en') || 'nothing'}.`,
            }
          : {
              sv: `Uppgiften "${dimension.label.sv}" registreras inte för ${name.sv}. Det som registreras: ${labels('sv') || 'inget'}.`,
              en: `${dimension.label.en} is not recorded for ${name.en}. What is recorded: ${labels('en') || 'nothing'}.`,
            },
    };
  },
  /** The dimension is named by its label; the refusal keeps its id in `dimension`. */
  dimensionMissing: (
    rule: RuleReference,
    name: LocalizedText,
    dimension: Labelled,
  ): Of<'DIMENSION_MISSING'> => ({
    kind: 'refusal',
    code: 'DIMENSION_MISSING',
    rule,
    dimension: dimension.id,
    message: {
      sv: `Uppgiften "${dimension.label.sv}" saknas; den registreras för ${name.sv}. Är den okänd, ange "Uppgift saknas".`,
      en: `${dimension.label.en} is missing; ${name.en} tallies it. Give "not-stated" when it is unknown.`,
    },
  }),
  /**
   * The dimension and the values allowed are named by their labels (the value sent is never
   * repeated); the refusal keeps their ids in `dimension` and `allowed`.
   */
  valueNotInCodeList: (
    rule: RuleReference,
    dimension: Labelled,
    allowed: readonly Labelled[],
  ): Of<'VALUE_NOT_IN_CODE_LIST'> => ({
    kind: 'refusal',
    code: 'VALUE_NOT_IN_CODE_LIST',
    rule,
    dimension: dimension.id,
    allowed: allowed.map((entry) => entry.id),
    message: {
      sv: `Värdet för "${dimension.label.sv}" finns inte bland de tillåtna. Tillåtna värden: ${labels(allowed, 'sv')}.`,
      en: `The value for ${dimension.label.en} is not in its code list. Allowed values: ${allowed.map((entry) => entry.id).join(', ')}.`,
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
      sv: `Ingen version av katalogen gällde ${date}. Anta först en katalogversion som gäller från det datumet.`,
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
      sv: `Indata ser ut att innehålla ${personalDataNames[personalDataKind].sv} (${path === '' ? 'i indata' : `i fältet ${path}`}). Uppgifter som kan identifiera en person får inte skickas hit; ingenting har sparats.`,
      en: `The input appears to contain ${personalDataNames[personalDataKind].en} (${path === '' ? 'in the input' : `in field ${path}`}). Nothing that can identify a person may be sent here; nothing was stored.`,
    },
  }),
  /** Issues name only schema fields and what was expected (`toSafeValidationIssues`); the message repeats nothing else. */
  invalidInput: (issues: readonly ValidationIssue[], clause = 'commands'): Of<'INVALID_INPUT'> => {
    const { sv, en } = summarise(issues);
    return {
      kind: 'refusal',
      code: 'INVALID_INPUT',
      rule: { clause },
      issues,
      message: {
        sv: `Indata har inte kommandots form: fel ${sv}. Ingenting har sparats.`,
        en: `Invalid input – ${en}. Nothing was stored.`,
      },
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
  /** The tally id is not repeated: the caller knows which tally it named (the second argument is ignored); nor is the intervention id. */
  tallyNotFound: (rule: RuleReference, _tallyId?: string): Of<'TALLY_NOT_FOUND'> => ({
    kind: 'refusal',
    code: 'TALLY_NOT_FOUND',
    rule: sheetRule(rule),
    message: {
      sv: 'Registreringen finns inte på pinnlistan för den insatsen, enheten och månaden.',
      en: 'The tally is not on the tally sheet of that intervention, unit and month.',
    },
  }),
  /** The tally id is not repeated: the caller knows which tally it named (the second argument is ignored); nor is the intervention id. */
  tallyAlreadyVoided: (rule: RuleReference, _tallyId?: string): Of<'TALLY_ALREADY_VOIDED'> => ({
    kind: 'refusal',
    code: 'TALLY_ALREADY_VOIDED',
    rule: sheetRule(rule),
    message: {
      sv: 'Registreringen är redan makulerad.',
      en: 'The tally has already been voided.',
    },
  }),
  /** Issues name only schema fields and what was expected (`toSafeValidationIssues`); the message repeats nothing else. */
  catalogueRejected: (issues: readonly ValidationIssue[]): Of<'CATALOGUE_REJECTED'> => {
    const { sv, en } = summarise(issues);
    return {
      kind: 'refusal',
      code: 'CATALOGUE_REJECTED',
      rule: { clause: 'catalogue/schema' },
      issues,
      message: { sv: `Katalogen är ogiltig: fel ${sv}.`, en: `The catalogue is invalid – ${en}.` },
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
  catalogueNotRegistered: (): Of<'CATALOGUE_NOT_REGISTERED'> => ({
    kind: 'refusal',
    code: 'CATALOGUE_NOT_REGISTERED',
    rule: { clause: 'catalogue/adoption' },
    message: {
      sv: 'Katalogströmmen påbörjades inte av tjänsten med det här nyckelförrådet och operatören har inte registrerat den: vem som helst som kan skriva i händelselagret kan ha skrivit den, så ingen version i den gäller. Ingenting sparades. Kontrollera händelselagret mot en signerad kontrollpunkt och registrera det (registerReleaseOrigin), eller börja i ett tomt händelselager.',
      en: 'The catalogue stream was not begun by the service with this key store, and the operator has not registered it: anyone who can write to the event store could have written it, so no version in it is in force. Nothing was stored. Check the event store against a signed checkpoint and register it (registerReleaseOrigin), or start in an empty event store.',
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
    rule: sheetRule(rule),
    period,
    message: {
      sv: `Perioden ${period} är förseglad: detaljerna är ersatta av aggregat och nyckeln är förstörd. Registrera en rättelse som en ändring av pinnlistan, med en orsakskod.`,
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
      sv: `${name.sv}: serien har nått gränsen på ${limit} sammanhängande kontakter${source === undefined ? '' : ` (policyn: "${source.sv.replace(/\.$/, '')}")`}. Behövs mer stöd kan personen ansöka om bistånd, så att behovet bedöms och insatsen dokumenteras i verksamhetssystemet.`,
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
      sv: `${name.sv} har inga återkommande samtal med samma person; pinnstatistiken förs kontakt för kontakt.`,
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
    documentationKind: DocumentationKind,
  ): Of<'WORKING_NOTES_NOT_ALLOWED'> => {
    const kind = DOCUMENTATION_KIND_LABELS[documentationKind];
    return {
      kind: 'refusal',
      code: 'WORKING_NOTES_NOT_ALLOWED',
      rule,
      documentationKind,
      message: {
        sv: `För ${name.sv} förs inga arbetsanteckningar: policyn anger dokumentationsnivån "${kind.sv}". Arbetsanteckningar får bara föras där policyn anger "${DOCUMENTATION_KIND_LABELS['aggregate-with-working-notes'].sv}". Anteckningen har inte sparats.`,
        en: `${name.en} keeps no working notes: its policy's documentation is "${kind.en}". Working notes may be kept only where the policy says "${DOCUMENTATION_KIND_LABELS['aggregate-with-working-notes'].en}". The note was not stored.`,
      },
    };
  },
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
  seriesRequired: (
    rule: RuleReference,
    name: LocalizedText,
    interventionId: string,
  ): Of<'SERIES_REQUIRED'> => ({
    kind: 'refusal',
    code: 'SERIES_REQUIRED',
    rule,
    interventionId,
    message: {
      sv: `${name.sv}: varje kontakt hör till en serie, så att gränsen för antalet sammanhängande kontakter kan hållas. Öppna en serie och registrera kontakten i den.`,
      en: `${name.en}: every contact belongs to a series, so that the limit on connected contacts holds. Open a series (OpenSeries) and record the contact in it (RecordSession).`,
    },
  }),
  commandIdReused: (): Of<'COMMAND_ID_REUSED'> => ({
    kind: 'refusal',
    code: 'COMMAND_ID_REUSED',
    rule: { clause: 'service/idempotency' },
    message: {
      sv: 'Kommando-id:t har redan använts för ett kommando med annat innehåll. Ingenting sparades; ge varje nytt kommando ett nytt id.',
      en: 'The command id was already used for a command with other content. Nothing was stored; give every new command a new id.',
    },
  }),
  commandIdTaken: (): Of<'COMMAND_ID_TAKEN'> => ({
    kind: 'refusal',
    code: 'COMMAND_ID_TAKEN',
    rule: { clause: 'catalogue/adoption' },
    message: {
      sv: 'Kommando-id:t finns redan i katalogströmmen, på en händelse som nyckelförrådet inte går i god för: någon som kan skriva i händelselagret har använt det. Ingenting sparades och ingen version antogs. Försök igen med ett nytt, slumpat id.',
      en: 'The command id is already borne by an event in the catalogue stream that the key store does not vouch for: someone who can write to the event store used it. Nothing was stored and no version was adopted. Try again with a new, random id.',
    },
  }),
  eventTooLarge: (): Of<'EVENT_TOO_LARGE'> => ({
    kind: 'refusal',
    code: 'EVENT_TOO_LARGE',
    rule: { clause: 'service/padded-size' },
    message: {
      sv: 'Registreringen ryms inte i den fasta storlek som händelser sparas med. Katalogversionen antogs innan sådana kataloger avvisades. Ingenting sparades; anta en katalogversion med kortare id:n eller färre dimensioner.',
      en: 'The tally does not fit the fixed size events are stored with: the catalogue version in force was adopted before such catalogues were refused. Nothing was stored; adopt a catalogue version with shorter ids or fewer dimensions.',
    },
  }),
  periodKeyLost: (period: string): Of<'PERIOD_KEY_LOST'> => ({
    kind: 'refusal',
    code: 'PERIOD_KEY_LOST',
    rule: { clause: 'storage/keys' },
    period,
    message: {
      sv: `Nyckeln för perioden ${period} finns inte längre, fast perioden inte är förseglad: den har förstörts utanför biblioteket (en raderad nyckelfil, ett nyckellager återställt från en äldre kopia). Periodens detaljer kan inte läsas och ingenting mer kan sparas för den. Ingenting sparades; återställ nyckeln om en kopia av den finns.`,
      en: `The key of the period ${period} no longer exists, though the period is not sealed: it was destroyed outside the library (a deleted key file, a key store restored from an older copy). The period's detail cannot be read and nothing more can be stored for it. Nothing was stored; restore the key if a copy of it exists.`,
    },
  }),
  storeUnavailable: (outcome: 'not-written' | 'unknown'): Of<'STORE_UNAVAILABLE'> => ({
    kind: 'refusal',
    code: 'STORE_UNAVAILABLE',
    rule: { clause: 'service/store' },
    outcome,
    message:
      outcome === 'not-written'
        ? {
            sv: 'Lagringen svarar inte och försöken tog slut. Ingenting sparades; försök igen med samma kommando.',
            en: 'The store does not answer and the retries ran out. Nothing was stored; retry the same command.',
          }
        : {
            sv: 'Förbindelsen med lagringen bröts och försöken tog slut; det är okänt om kommandot hann sparas. Försök igen med samma kommando: det räknas aldrig två gånger.',
            en: 'The connection to the store broke and the retries ran out; whether the command was stored is unknown. Retry the same command: it is never counted twice.',
          },
  }),
};
