import {
  type Catalogue,
  type Cipher,
  chainFindingText,
  createCatalogueVersionVetting,
  createChainVerifier,
  type EventStore,
  isMalformedEvent,
  isProvenAmendment,
  isProvenSealOf,
  isSealOverTables,
  isWellFormedPeriodEvent,
  type KeyStore,
  type OpenedEvent,
  type PeriodSealed,
  periodStream,
  privateStreamOf,
  type RecordedEvent,
  type SealedSheet,
  type SeriesClosed,
  type SheetAmended,
  type SheetDetailEvent,
  STREAM_PREFIXES,
} from '@pinnstatistik/core';
import { createKeyedOpener } from '../reading/keyed-opener.js';
import { isReadableDetail } from './detail-shape.js';
import {
  survivingKeyFindings,
  undeletedDetailFindings,
  unlistedDetailFindings,
  unsealedPastGraceFindings,
} from './end-of-log-findings.js';
import type { Finding } from './finding.js';
import { createRecordingRules, lengthsOf, marksOf } from './recording-rules.js';

/** What the audit needs besides the log. */
export interface AuditOptions {
  /** The key store, to read open detail and to check that sealed periods' and closed series' keys are gone. */
  readonly keys?: KeyStore;
  /**
   * How seals and amendments are checked: `proven` (the default with `keys`) — their proof under
   * the key store's seal-proof key; `digest-only` (the default without) — only that a seal names
   * its month and hashes the tables before it (a forger who writes both passes). For keys that
   * open detail but are not the operator's key store (they hold no seal-proof key).
   */
  readonly seals?: 'proven' | 'digest-only';
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
  // Clear events in a private stream are read, to report them (DETAIL_IN_CLEAR) and what they say.
  const opener = createKeyedOpener(options.keys, options.ciphers, { readClearInPrivate: true });
  const streams = new Set<string>();
  /** Streams a seal or a closing says it deleted, with the record that says so. */
  const deletedBy = new Map<string, { stream: string; position: string }>();
  const periodsWithDetail = new Set<string>();
  const sealedPeriods = new Set<string>();
  const closedSeries = new Set<string>();
  // Each period's tables until its seal: the seal holds over them, or it is not the operator's.
  const tablesOf = new Map<string, SealedSheet[]>();
  const digestOnly =
    (options.seals ?? (options.keys === undefined ? 'digest-only' : 'proven')) === 'digest-only';
  let events = 0;
  let sealedDetail = 0;
  // With the keys, a catalogue version is judged against only when the key store vouches for it:
  // anyone who can write to the store can chain one in (attack 44, round 2).
  const vetting = options.keys === undefined ? undefined : createCatalogueVersionVetting(options.keys);

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

  const addMalformed = (event: RecordedEvent): void =>
    add(
      event,
      'EVENT_MALFORMED',
      { clause: 'envelope/payload' },
      'Händelsen har inte den form biblioteket skriver: den läses inte.',
      'The event does not have the shape the library writes: it is not read.',
    );

  const { checkRecording, checkDetail } = createRecordingRules(catalogues, add);

  const checkPublic = async (
    event: RecordedEvent,
    period: string | undefined,
    opened: OpenedEvent & { readable: true },
    vouched: boolean,
  ) => {
    // Clear events anyone can append: one not shaped as the library writes it stopped the audit
    // (no verdict at all — attack 31); it is reported and not read.
    const malformed =
      !isWellFormedPeriodEvent(opened.type, opened.data) ||
      (opened.type === 'SeriesClosed' &&
        typeof (opened.data as { series?: unknown } | null)?.series !== 'string');
    if (malformed) {
      addMalformed(event);
      return;
    }
    switch (opened.type) {
      case 'CatalogueAdopted':
        // Outside a catalogue stream it is no adoption (attack 45, finding 3): reported, not read.
        if (!vouched || !event.stream.startsWith(STREAM_PREFIXES.catalogue)) {
          add(
            event,
            'CATALOGUE_VERSION_UNREGISTERED',
            { clause: 'catalogue/adoption' },
            'Katalogversionen är inte antagen av operatören (nyckelförrådet känner den inte, eller den står utanför katalogströmmen): ingenting prövas mot den.',
            'The catalogue version was not adopted by the operator (the key store does not know it, or it stands outside the catalogue stream): nothing is judged against it.',
          );
          return;
        }
        catalogues.push((opened.data as unknown as { catalogue: Catalogue }).catalogue);
        return;
      case 'SheetsSealed': {
        const data = opened.data as unknown as { period: string; sheets: SealedSheet[] };
        if (periodStream(data.period) === event.stream && !sealedPeriods.has(data.period))
          tablesOf.set(event.stream, [...(tablesOf.get(event.stream) ?? []), ...data.sheets]);
        for (const sheet of data.sheets)
          checkRecording(
            event,
            data.period,
            sheet.interventionId,
            sheet.catalogueVersions?.[0],
            marksOf(sheet.tables),
            lengthsOf(sheet.tables),
          );
        return;
      }
      case 'PeriodSealed': {
        const data = opened.data as unknown as PeriodSealed['data'];
        if (sealedPeriods.has(period ?? data.period)) return;
        const tables = tablesOf.get(event.stream) ?? [];
        tablesOf.delete(event.stream);
        // Anyone who can write to the store can append a seal (attacks 26–29): only the operator's
        // says a month is sealed and its listed streams deleted by it.
        const proofKey = digestOnly ? undefined : await opener.proofKey();
        const holds =
          proofKey === undefined
            ? digestOnly && isSealOverTables(event.stream, data, tables)
            : isProvenSealOf(event.stream, data, tables, proofKey);
        if (!holds) {
          add(
            event,
            'PERIOD_SEAL_UNPROVEN',
            { clause: 'sealing/proof' },
            'Förseglingen är inte operatörens: dess bevis eller tabellernas kontrollsumma håller inte. Perioden räknas som oförseglad.',
            'The seal is not the operator’s: its proof or its tables’ digest does not hold. The period counts as unsealed.',
          );
          return;
        }
        sealedPeriods.add(period ?? data.period);
        for (const deleted of data.deleted)
          deletedBy.set(deleted.stream, { stream: event.stream, position: event.position });
        return;
      }
      case 'SheetAmended': {
        const data = opened.data as unknown as SheetAmended['data'];
        const proofKey = digestOnly ? undefined : await opener.proofKey();
        if (
          !digestOnly &&
          (proofKey === undefined ||
            !isProvenAmendment(proofKey, { stream: event.stream, revision: event.revision }, data))
        )
          add(
            event,
            'AMENDMENT_UNPROVEN',
            { clause: 'sealing/proof' },
            'Rättelsen är inte operatörens: dess bevis håller inte för var den står. Den räknas inte.',
            'The amendment is not the operator’s: its proof does not hold for where it stands. It is not counted.',
          );
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
    const vouched =
      vetting === undefined ||
      !event.stream.startsWith(STREAM_PREFIXES.catalogue) ||
      (await vetting.vet(event));
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
    if (detailStream && period !== undefined && !isReadableDetail(opened.type, opened.data))
      addMalformed(event);
    else if (detailStream && period !== undefined)
      checkDetail(event, period, { type: opened.type, data: opened.data } as unknown as SheetDetailEvent);
    else if (opened.codec === 'plain') await checkPublic(event, period, opened, vouched);
  }

  findings.push(
    ...undeletedDetailFindings(deletedBy, streams),
    ...unlistedDetailFindings(sealedPeriods, deletedBy, streams),
    ...unsealedPastGraceFindings(
      periodsWithDetail,
      sealedPeriods,
      options.today,
      options.sealGraceDays ?? 15,
    ),
    ...(options.keys === undefined
      ? []
      : await survivingKeyFindings(options.keys, sealedPeriods, closedSeries)),
  );
  return {
    findings,
    events,
    streams: streams.size,
    sealedDetail,
    deletedStreams: deletedBy.size,
    clean: findings.length === 0,
  };
}
