import {
  type Catalogue,
  type Cipher,
  createAesGcmCipher,
  createChainVerifier,
  createEncryptedCodec,
  deriveSubkeys,
  dimensionValues,
  type EventCodec,
  type EventStore,
  earliestSealDate,
  findDimension,
  type InterventionPolicy,
  type KeyStore,
  periodKeyId,
  type RecordedEvent,
  type SheetDetailEvent,
  type SheetTables,
} from '@pinnstatistik/core';
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
  readonly clean: boolean;
}

const PERIOD_OF_STREAM = /^(?:tally|period)-(\d{4}-\d{2})/;

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
 * allow; series beyond their limit; periods past their grace still unsealed; and detail still
 * decryptable after its period was sealed (a key not destroyed). Streams, never whole.
 */
export async function auditLog(store: EventStore, options: AuditOptions): Promise<AuditReport> {
  const findings: Finding[] = [];
  const verifier = createChainVerifier();
  const catalogues: Catalogue[] = [];
  const ciphers = new Map(
    (options.ciphers ?? [createAesGcmCipher()]).map((cipher) => [cipher.algorithm, cipher]),
  );
  const codecs = new Map<string, EventCodec | null>();
  const streams = new Set<string>();
  const periodsWithDetail = new Set<string>();
  const sealedPeriods = new Set<string>();
  const closedSeries = new Set<string>();
  let events = 0;
  let sealedDetail = 0;

  const codecFor = async (keyId: string, algorithm: string): Promise<EventCodec | null> => {
    const cacheKey = `${algorithm}/${keyId}`;
    if (!codecs.has(cacheKey)) {
      const material = await options.keys?.get(keyId);
      const cipher = ciphers.get(algorithm);
      codecs.set(
        cacheKey,
        material === undefined || cipher === undefined
          ? null
          : createEncryptedCodec(cipher, deriveSubkeys(material).encryption),
      );
    }
    return codecs.get(cacheKey) ?? null;
  };

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
        `${policy.name.sv} får inte registreras här (${kind}).`,
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
          `Uppgiften ${dimensionId} tillåts inte för ${policy.name.sv}.`,
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
            `Ett värde för ${dimensionId} finns inte i kodlistan.`,
            `A value of ${dimensionId} is not in its code list.`,
          );
        }
      }
    }
    const max = policy.series?.maxContacts;
    for (const length of seriesLengths) {
      if (policy.series === undefined || (max !== undefined && Number(length) > max)) {
        add(
          event,
          'SERIES_LIMIT_EXCEEDED',
          { ...ruled, clause: `interventions/${interventionId}/series` },
          `En serie med ${length} kontakter överskrider gränsen för ${policy.name.sv}.`,
          `A series of ${length} contacts exceeds the limit of ${policy.name.en}.`,
        );
      }
    }
  };

  const marksOf = (tables: SheetTables): Record<string, string[]> =>
    Object.fromEntries(
      Object.entries(tables.marginals).map(([dimension, cells]) => [
        dimension,
        Object.keys(cells).filter((value) => (cells[value] ?? 0) !== 0),
      ]),
    );

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
        `Hashkedjan är bruten: ${broken.message}.`,
        `The hash chain is broken: ${broken.message}.`,
      );
    }
    const period = PERIOD_OF_STREAM.exec(event.stream)?.[1];
    switch (event.type) {
      case 'CatalogueAdopted':
        catalogues.push((event.data as unknown as { catalogue: Catalogue }).catalogue);
        continue;
      case 'PeriodSealed':
        if (period !== undefined) sealedPeriods.add(period);
        continue;
      case 'WorkingNotesDestroyed':
        closedSeries.add(event.stream);
        continue;
      case 'SheetSealed':
      case 'SheetAmended': {
        const data = event.data as unknown as {
          interventionId: string;
          period: string;
          catalogueVersions?: string[];
          catalogueVersion?: string;
          tables?: SheetTables;
          delta?: SheetTables;
        };
        const tables = (data.tables ?? data.delta) as SheetTables;
        const versions =
          data.catalogueVersions ?? (data.catalogueVersion === undefined ? [] : [data.catalogueVersion]);
        checkRecording(
          event,
          data.period,
          data.interventionId,
          versions[0],
          marksOf(tables),
          Object.keys(tables.seriesLengths).filter((length) => (tables.seriesLengths[length] ?? 0) > 0),
        );
        continue;
      }
      default:
        break;
    }
    if (!event.stream.startsWith('tally-') || period === undefined) continue;
    if (event.type !== 'SheetClosed') periodsWithDetail.add(period);
    const { keyId, codec: algorithm } = event.metadata;
    const codec =
      algorithm === 'plain'
        ? null
        : typeof keyId === 'string' && typeof algorithm === 'string'
          ? await codecFor(keyId, algorithm)
          : null;
    let data: unknown = algorithm === 'plain' ? event.data : undefined;
    if (codec !== null) {
      try {
        data = codec.decode(event.data, { stream: event.stream, eventId: event.id, type: event.type });
      } catch {
        data = undefined;
      }
    }
    if (data === undefined) {
      sealedDetail += 1;
      continue;
    }
    const detail = { type: event.type, data } as unknown as SheetDetailEvent;
    if (detail.type === 'ContactTallied') {
      checkRecording(
        event,
        period,
        detail.data.interventionId,
        detail.data.catalogueVersion,
        Object.fromEntries(Object.entries(detail.data.marks).map(([k, v]) => [k, [v]])),
        [],
      );
    } else if (detail.type === 'GroupMeetingTallied' || detail.type === 'VisitorsTallied') {
      checkRecording(event, period, detail.data.interventionId, detail.data.catalogueVersion, undefined, []);
    } else if (detail.type === 'SeriesEnded') {
      checkRecording(event, period, detail.data.interventionId, undefined, undefined, [
        String(detail.data.contacts),
      ]);
    }
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
  return { findings, events, streams: streams.size, sealedDetail, clean: findings.length === 0 };
}
