import {
  type Catalogue,
  type Cipher,
  chainFindingText,
  createChainVerifier,
  DOCUMENTATION_KIND_LABELS,
  dimensionValues,
  type EventStore,
  earliestSealDate,
  findDimension,
  type InterventionPolicy,
  isMalformedEvent,
  type KeyStore,
  type OpenedEvent,
  type PeriodSealed,
  periodKeyId,
  privateStreamOf,
  type RecordedEvent,
  type SealedSheet,
  type SeriesClosed,
  type SheetAmended,
  type SheetDetailEvent,
  type SheetTables,
  STREAM_PREFIXES,
} from '@pinnstatistik/core';
import { createKeyedOpener } from '../reading/keyed-opener.js';
import type { Finding } from './finding.js';

/** What the audit needs besides the log. */
export interface AuditOptions {
  /** The key store, to read open detail and to check that sealed periods' and closed series' keys are gone. */
  readonly keys?: KeyStore;
  readonly ciphers?: readonly Cipher[];
  /** The audit's "today" (`YYYY-MM-DD`), for periods past their grace. */
  readonly today: string;
  /** Days after a month's end before it must be sealed (default 15, as the command service). */
  readonly sealGraceDays?: number;
  readonly onProgress?: (events: number) => void;
}

/** The audit's verdict: every finding, and what was read. */
export interface AuditReport {
  readonly findings: readonly Finding[];
  readonly events: number;
  readonly streams: number;
  /** Detail events that could not be read (their key is destroyed): checked through their sheets' sealed tables instead. */
  readonly sealedDetail: number;
  /** Streams that seals and closings record as deleted (their detail shredded), accounted for by what was kept. */
  readonly deletedStreams: number;
  readonly clean: boolean;
}

const PERIOD_OF_STREAM = /^(?:tally|period|registry)-(\d{4}-\d{2})/;

/** Catalogue versions in force at some day of a month. */
function versionsInForceDuring(catalogues: readonly Catalogue[], period: string): Set<string> {
  const start = `${period}-01`;
  const end = `${period}-31`;
  const versions = new Set<string>();
  let atStart: Catalogue | undefined;
  for (const catalogue of catalogues) {
    if (
      catalogue.effectiveFrom <= start &&
      (atStart === undefined || catalogue.effectiveFrom >= atStart.effectiveFrom)
    )
      atStart = catalogue;
    if (catalogue.effectiveFrom > start && catalogue.effectiveFrom <= end) versions.add(catalogue.version);
  }
  if (atStart !== undefined) versions.add(atStart.version);
  return versions;
}

/**
 * The compliance audit: replays the whole log and reports, with stable codes, broken or
 * reordered hash chains; tallies for interventions whose kind forbids them (written by
 * another system, say); dimensions or values the catalogue in force on their period did not
 * allow; series beyond their limit or below their minimum; periods past their grace still
 * unsealed; detail a seal or a closing listed as deleted still in the log; and detail still
 * decryptable after its period was sealed (a key not destroyed). Streams, never whole.
 */
export async function auditLog(store: EventStore, options: AuditOptions): Promise<AuditReport> {
  const findings: Finding[] = [];
  const verifier = createChainVerifier();
  const catalogues: Catalogue[] = [];
  const opener = createKeyedOpener(options.keys, options.ciphers);
  const streams = new Set<string>();
  /** Streams a seal or a closing says it deleted, with the record that says so. */
  const deletedBy = new Map<string, { stream: string; position: string }>();
  const periodsWithDetail = new Set<string>();
  const sealedPeriods = new Set<string>();
  const closedSeries = new Set<string>();
  let events = 0;
  let sealedDetail = 0;

  const add = (
    event: RecordedEvent,
    code: Finding['code'],
    rule: Finding['rule'],
    sv: string,
    en: string,
  ): void => {
    findings.push({
      code,
      stream: event.stream,
      position: event.position,
      revision: event.revision,
      rule,
      message: { sv, en },
    });
  };

  /** The policy of an intervention under the catalogue versions in force during a period. */
  const policiesFor = (
    period: string,
    interventionId: string,
  ): { version: string; policy: InterventionPolicy | undefined; catalogue: Catalogue }[] => {
    const versions = versionsInForceDuring(catalogues, period);
    return catalogues
      .filter((catalogue) => versions.has(catalogue.version))
      .map((catalogue) => ({
        version: catalogue.version,
        catalogue,
        policy: catalogue.interventions.find((candidate) => candidate.id === interventionId),
      }));
  };

  const checkRecording = (
    event: RecordedEvent,
    period: string,
    interventionId: string,
    catalogueVersion: string | undefined,
    marks: Record<string, readonly string[]> | undefined,
    seriesLengths: readonly string[],
  ): void => {
    const candidates = policiesFor(period, interventionId);
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

  // Sealed tables: the contact marginals and the tables of listed people (the children's ages).
  const marksOf = (tables: SheetTables): Record<string, string[]> =>
    Object.fromEntries(
      [...Object.entries(tables.marginals), ...Object.entries(tables.listMarginals ?? {})].map(
        ([dimension, cells]) => [dimension, Object.keys(cells).filter((value) => (cells[value] ?? 0) !== 0)],
      ),
    );

  const lengthsOf = (tables: SheetTables): string[] =>
    Object.keys(tables.seriesLengths).filter((length) => (tables.seriesLengths[length] ?? 0) > 0);

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

  const checkPublic = (
    event: RecordedEvent,
    period: string | undefined,
    opened: OpenedEvent & { readable: true },
  ) => {
    switch (opened.type) {
      case 'CatalogueAdopted':
        catalogues.push((opened.data as unknown as { catalogue: Catalogue }).catalogue);
        return;
      case 'SheetsSealed': {
        const data = opened.data as unknown as { period: string; sheets: SealedSheet[] };
        for (const sheet of data.sheets)
          checkRecording(
            event,
            data.period,
            sheet.interventionId,
            sheet.catalogueVersions[0],
            marksOf(sheet.tables),
            lengthsOf(sheet.tables),
          );
        return;
      }
      case 'PeriodSealed': {
        const data = opened.data as unknown as PeriodSealed['data'];
        sealedPeriods.add(period ?? data.period);
        for (const deleted of data.deleted)
          deletedBy.set(deleted.stream, { stream: event.stream, position: event.position });
        return;
      }
      case 'SheetAmended': {
        const data = opened.data as unknown as SheetAmended['data'];
        checkRecording(
          event,
          data.period,
          data.interventionId,
          data.catalogueVersion,
          marksOf(data.delta),
          lengthsOf(data.delta),
        );
        return;
      }
      case 'SeriesClosed': {
        const data = opened.data as unknown as SeriesClosed['data'];
        closedSeries.add(data.series);
        deletedBy.set(data.series, { stream: event.stream, position: event.position });
        return;
      }
      default:
        return;
    }
  };

  for await (const event of store.readAll()) {
    events += 1;
    if (options.onProgress !== undefined && events % 10_000 === 0) options.onProgress(events);
    if (event.stream.startsWith('checkpoint-')) continue;
    streams.add(event.stream);
    const broken = verifier.check(event);
    if (broken !== undefined) {
      add(
        event,
        broken.code,
        { clause: 'envelope/hash-chain' },
        chainFindingText(broken).sv,
        chainFindingText(broken).en,
      );
    }
    const period = PERIOD_OF_STREAM.exec(event.stream)?.[1];
    let opened: OpenedEvent;
    try {
      opened = await opener.open(event);
    } catch (error) {
      if (!isMalformedEvent(error)) throw error;
      add(
        event,
        'EVENT_MALFORMED',
        { clause: 'envelope/payload' },
        'Händelsen går inte att läsa: den är ändrad eller skadad.',
        'The event cannot be read: it was altered or is damaged.',
      );
      continue;
    }
    const detailStream = event.stream.startsWith(STREAM_PREFIXES.tallySheet);
    if (detailStream && period !== undefined) periodsWithDetail.add(period);
    if (!opened.readable) {
      if (detailStream) sealedDetail += 1;
      continue;
    }
    if (opened.codec === 'plain' && privateStreamOf(event.stream) !== undefined) {
      add(
        event,
        'DETAIL_IN_CLEAR',
        { clause: 'privacy/encryption' },
        'En händelse i en ström som ska vara krypterad är sparad i klartext.',
        'An event in a stream that must be encrypted is stored in clear.',
      );
    }
    if (detailStream && period !== undefined)
      checkDetail(event, period, { type: opened.type, data: opened.data } as unknown as SheetDetailEvent);
    else if (opened.codec === 'plain') checkPublic(event, period, opened);
  }

  for (const [stream, record] of [...deletedBy].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!streams.has(stream)) continue;
    findings.push({
      code: 'DETAIL_NOT_DELETED',
      stream,
      rule: { clause: stream.startsWith(STREAM_PREFIXES.series) ? 'series/closing' : 'sealing/shredding' },
      message: {
        sv: `Strömmen ska vara raderad (${record.stream} säger det), men dess händelser finns kvar i loggen.`,
        en: `The stream should be deleted (${record.stream} says so), but its events are still in the log.`,
      },
    });
  }

  const graceDays = options.sealGraceDays ?? 15;
  for (const period of [...periodsWithDetail].sort()) {
    if (!sealedPeriods.has(period) && earliestSealDate(period, graceDays) <= options.today) {
      findings.push({
        code: 'PERIOD_UNSEALED_PAST_GRACE',
        stream: `period-${period}`,
        rule: { clause: 'sealing/gracePeriod' },
        message: {
          sv: `Perioden ${period} borde ha förseglats senast ${earliestSealDate(period, graceDays)}.`,
          en: `The period ${period} should have been sealed by ${earliestSealDate(period, graceDays)}.`,
        },
      });
    }
  }
  if (options.keys !== undefined) {
    for (const period of [...sealedPeriods].sort()) {
      if ((await options.keys.get(periodKeyId(period))) !== undefined) {
        findings.push({
          code: 'DETAIL_DECRYPTABLE_AFTER_SEAL',
          stream: `period-${period}`,
          rule: { clause: 'sealing/shredding' },
          message: {
            sv: `Perioden ${period} är förseglad men dess nyckel finns kvar: detaljerna går fortfarande att läsa.`,
            en: `The period ${period} is sealed but its key still exists: its detail can still be read.`,
          },
        });
      }
    }
    for (const series of [...closedSeries].sort()) {
      if ((await options.keys.get(series)) !== undefined) {
        findings.push({
          code: 'SERIES_KEY_NOT_DESTROYED',
          stream: series,
          rule: { clause: 'series/closing' },
          message: {
            sv: 'Serien är avslutad men dess nyckel finns kvar: arbetsanteckningarna går att läsa.',
            en: 'The series is closed but its key still exists: its working notes can be read.',
          },
        });
      }
    }
  }
  return {
    findings,
    events,
    streams: streams.size,
    sealedDetail,
    deletedStreams: deletedBy.size,
    clean: findings.length === 0,
  };
}
