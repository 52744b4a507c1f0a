import {
  type Catalogue,
  DOCUMENTATION_KIND_LABELS,
  dimensionValues,
  findDimension,
  type InterventionPolicy,
  type RecordedEvent,
  type SheetDetailEvent,
  type SheetTables,
} from '@pinnstatistik/core';
import type { Finding } from './finding.js';
import { versionsInForceDuring } from './versions-in-force.js';

/** Records a finding at an event. */
export type AddFinding = (
  event: RecordedEvent,
  code: Finding['code'],
  rule: Finding['rule'],
  sv: string,
  en: string,
) => void;

/** The policy checks of one recording against the catalogue versions adopted so far. */
export interface RecordingRules {
  /** A tally, a sealed sheet or an amendment: its intervention, dimensions, values and series lengths. */
  checkRecording(
    event: RecordedEvent,
    period: string,
    interventionId: string,
    catalogueVersion: string | undefined,
    marks: Record<string, readonly string[]> | undefined,
    seriesLengths: readonly string[],
  ): void;
  /** One event of an open sheet's detail. */
  checkDetail(event: RecordedEvent, period: string, detail: SheetDetailEvent): void;
}

/** The policy of an intervention under the catalogue versions in force during a period. */
function policiesFor(
  catalogues: readonly Catalogue[],
  period: string,
  interventionId: string,
): { version: string; policy: InterventionPolicy | undefined; catalogue: Catalogue }[] {
  const versions = versionsInForceDuring(catalogues, period);
  return catalogues
    .filter((catalogue) => versions.has(catalogue.version))
    .map((catalogue) => ({
      version: catalogue.version,
      catalogue,
      policy: catalogue.interventions.find((candidate) => candidate.id === interventionId),
    }));
}

/** Sealed tables' marks: the contact marginals and the tables of listed people (the children's ages). */
export const marksOf = (tables: SheetTables): Record<string, string[]> =>
  Object.fromEntries(
    [...Object.entries(tables.marginals), ...Object.entries(tables.listMarginals ?? {})].map(
      ([dimension, cells]) => [dimension, Object.keys(cells).filter((value) => (cells[value] ?? 0) !== 0)],
    ),
  );

/** Sealed tables' series lengths that occur. */
export const lengthsOf = (tables: SheetTables): string[] =>
  Object.keys(tables.seriesLengths).filter((length) => (tables.seriesLengths[length] ?? 0) > 0);

/** The policy checks, against the catalogue versions in `catalogues` (which the caller extends as the log adopts them). */
export function createRecordingRules(catalogues: readonly Catalogue[], add: AddFinding): RecordingRules {
  const checkRecording = (
    event: RecordedEvent,
    period: string,
    interventionId: string,
    catalogueVersion: string | undefined,
    marks: Record<string, readonly string[]> | undefined,
    seriesLengths: readonly string[],
  ): void => {
    const candidates = policiesFor(catalogues, period, interventionId);
    const rule = { interventionId, ...(catalogueVersion === undefined ? {} : { catalogueVersion }) };
    if (candidates.length === 0) {
      add(
        event,
        'CATALOGUE_VERSION_NOT_IN_FORCE',
        { ...rule, clause: 'catalogue/effectiveFrom' },
        `Ingen katalogversion gällde ${period}.`,
        `No catalogue version was in force in ${period}.`,
      );
      return;
    }
    const chosen =
      candidates.find((candidate) => candidate.version === catalogueVersion) ??
      candidates[candidates.length - 1];
    if (
      catalogueVersion !== undefined &&
      !candidates.some((candidate) => candidate.version === catalogueVersion)
    ) {
      add(
        event,
        'CATALOGUE_VERSION_NOT_IN_FORCE',
        { ...rule, clause: 'catalogue/effectiveFrom' },
        `Registreringen prövades mot version ${catalogueVersion}, som inte gällde ${period}.`,
        `The tally was checked against version ${catalogueVersion}, which was not in force in ${period}.`,
      );
    }
    if (chosen === undefined) return;
    const { policy, catalogue, version } = chosen;
    const ruled = { catalogueId: catalogue.id, catalogueVersion: version, interventionId };
    if (policy === undefined) {
      add(
        event,
        'UNKNOWN_INTERVENTION',
        { ...ruled, clause: 'interventions' },
        `Insatsen ${interventionId} finns inte i katalogen.`,
        `Intervention ${interventionId} is not in the catalogue.`,
      );
      return;
    }
    const kind = policy.documentation.kind;
    if (kind === 'exempt' || kind === 'case-record-required') {
      add(
        event,
        'KIND_FORBIDS_RECORDING',
        { ...ruled, clause: `interventions/${interventionId}/documentation` },
        `${policy.name.sv} får inte registreras här (dokumentationsnivå: ${DOCUMENTATION_KIND_LABELS[kind].sv}).`,
        `${policy.name.en} may not be recorded here (${kind}).`,
      );
      return;
    }
    const allowed = policy.tally.contact?.dimensions ?? [];
    for (const [dimensionId, values] of Object.entries(marks ?? {})) {
      if (!allowed.includes(dimensionId)) {
        add(
          event,
          'DIMENSION_NOT_ALLOWED',
          { ...ruled, clause: `interventions/${interventionId}/tally/contact/dimensions` },
          `Uppgiften ${findDimension(catalogue, dimensionId)?.label.sv ?? 'som inte finns i katalogen'} registreras inte för ${policy.name.sv}.`,
          `${dimensionId} is not allowed for ${policy.name.en}.`,
        );
        continue;
      }
      const dimension = findDimension(catalogue, dimensionId);
      const closed = dimension === undefined ? [] : dimensionValues(dimension, catalogue);
      for (const value of values) {
        if (!closed.includes(value)) {
          add(
            event,
            'VALUE_NOT_ALLOWED',
            { ...ruled, clause: `dimensions/${dimensionId}` },
            `Ett värde för ${dimension?.label.sv ?? 'en okänd uppgift'} finns inte bland de tillåtna.`,
            `A value of ${dimensionId} is not in its code list.`,
          );
        }
      }
    }
    const max = policy.series?.maxContacts;
    const min = policy.series?.minContacts;
    for (const length of seriesLengths) {
      if (policy.series === undefined || (max !== undefined && Number(length) > max)) {
        add(
          event,
          'SERIES_LIMIT_EXCEEDED',
          { ...ruled, clause: `interventions/${interventionId}/series` },
          `En serie med ${length} kontakter överskrider gränsen för ${policy.name.sv}.`,
          `A series of ${length} contacts exceeds the limit of ${policy.name.en}.`,
        );
      } else if (min !== undefined && Number(length) < min) {
        // Reported, never refused: refusing to close would block expiry and the destruction of notes.
        add(
          event,
          'SERIES_BELOW_MINIMUM',
          { ...ruled, clause: `interventions/${interventionId}/series/minContacts` },
          `En serie avslutades med ${length} kontakter, färre än de minst ${min} som gäller för ${policy.name.sv}.`,
          `A series was closed with ${length} contacts, fewer than the minimum of ${min} for ${policy.name.en}.`,
        );
      }
    }
  };

  const checkDetail = (event: RecordedEvent, period: string, detail: SheetDetailEvent): void => {
    if (detail.type === 'ContactTallied') {
      checkRecording(
        event,
        period,
        detail.data.interventionId,
        detail.data.catalogueVersion,
        // A list of ages (the children a contact concerns) is checked entry by entry.
        Object.fromEntries(
          Object.entries(detail.data.marks).map(([k, v]) => [k, typeof v === 'string' ? [v] : v]),
        ),
        [],
      );
    } else if (detail.type === 'GroupMeetingTallied' || detail.type === 'VisitorsTallied') {
      checkRecording(event, period, detail.data.interventionId, detail.data.catalogueVersion, undefined, []);
    } else if (detail.type === 'SeriesEnded') {
      checkRecording(event, period, detail.data.interventionId, undefined, undefined, [
        String(detail.data.contacts),
      ]);
    }
  };

  return { checkRecording, checkDetail };
}
