import {
  type Catalogue,
  chainFindingText,
  createAesGcmCipher,
  createChainVerifier,
  createPayloadSealer,
  deriveEventId,
  deriveSubkeys,
  type EventStore,
  type EventToAppend,
  GENESIS_HASH,
  type JsonValue,
  type KeyStore,
  markCatalogueVersionsRegistered,
  paddedSizeFor,
  periodKeyId,
  privateStreamOf,
  readHeader,
  registerCatalogueVersion,
  STREAM_PREFIXES,
  sealEvent,
} from '@pinnstatistik/core';
import type { Finding } from '@pinnstatistik/projections';
import { createMemoryEventStore, createMemoryKeyStore } from '@pinnstatistik/store-memory';
import * as E from 'fp-ts/lib/Either.js';
import { type AuditSubject, isEventStore, isRecordedEvent, type LoggedEvent } from './audit-subject.js';
import { bareEventStream } from './bare-event-stream.js';

/** The log the audit reads, and how to point its findings back at the original events. */
export interface AuditedLog {
  readonly store: EventStore;
  /**
   * Keys the copy sealed bare detail events with (as the library would have: detail is never
   * stored in clear), so the audit can read them; a period a bare `PeriodSealed` sealed has
   * its key destroyed, as a real seal would.
   */
  readonly keys: KeyStore | undefined;
  /** Hash-chain findings on the log's own catalogue streams, which the given catalogues replaced. */
  readonly chainFindings: readonly Finding[];
  /** Puts a finding's position and revision back to those of the original event. */
  locate(finding: Finding): Finding;
}

const origin = (stream: string, revision: number): string => `${stream}\u0000${revision}`;

async function* eventsOf(subject: EventStore | readonly LoggedEvent[]): AsyncIterable<LoggedEvent> {
  if (isEventStore(subject as AuditSubject)) yield* (subject as EventStore).readAll();
  else yield* subject as readonly LoggedEvent[];
}

/**
 * The log to audit. A store audited against its own catalogues is read as it is. Otherwise a
 * memory copy is made: the given catalogues adopted first (they replace the log's own, whose
 * chains are still checked), then every recorded event as stored (chains intact), and bare
 * domain events chained into streams by type.
 */
export async function auditedLog(
  subject: EventStore | readonly LoggedEvent[],
  catalogues: readonly Catalogue[],
): Promise<AuditedLog> {
  if (isEventStore(subject as AuditSubject) && catalogues.length === 0) {
    return { store: subject as EventStore, keys: undefined, chainFindings: [], locate: (finding) => finding };
  }
  const copy = createMemoryEventStore();
  const bareKeys = createMemoryKeyStore();
  const cipher = createAesGcmCipher();
  const sealedPeriods = new Set<string>();
  const heads = new Map<string, { revision: number; hash: Uint8Array }>();
  const origins = new Map<string, { position: string; revision: number }>();
  const replaced = createChainVerifier();
  const chainFindings: Finding[] = [];

  const append = async (stream: string, event: EventToAppend): Promise<number> => {
    const result = await copy.append(stream, [event], { expected: 'any' });
    if (E.isLeft(result)) throw new Error(`could not copy the log for the audit: ${result.left.code}`);
    heads.set(stream, {
      revision: result.right.nextRevision,
      hash: readHeader(event.metadata)?.hash ?? GENESIS_HASH,
    });
    return result.right.nextRevision;
  };
  const appendBare = async (
    stream: string,
    type: string,
    data: unknown,
    meta: Record<string, string> = {},
  ) => {
    const head = heads.get(stream);
    const revision = head === undefined ? 0 : head.revision + 1;
    const id = deriveEventId('pinnstatistik/testing/audit', stream, revision);
    const owner = privateStreamOf(stream);
    const privacy =
      owner === undefined
        ? undefined
        : {
            sealer: createPayloadSealer(cipher, deriveSubkeys(await bareKeys.create(owner.keyId)).encryption),
            paddedSize: (length: number, eventType: string) => paddedSizeFor(owner.kind, length, eventType),
          };
    if (type === 'PeriodSealed') sealedPeriods.add(String((data as { period?: unknown }).period));
    const { event } = sealEvent(
      stream,
      revision,
      head?.hash ?? GENESIS_HASH,
      { id, type, data: data as JsonValue, meta: { commandId: id, ...meta } },
      privacy,
    );
    return append(stream, event);
  };

  for (const catalogue of catalogues) {
    const stream = `${STREAM_PREFIXES.catalogue}${catalogue.id}`;
    const revision = await appendBare(
      stream,
      'CatalogueAdopted',
      { catalogue },
      { catalogueId: catalogue.id, catalogueVersion: catalogue.version },
    );
    // The given catalogues stand for the operator's adoptions: registered as the command service
    // registers its own, so an audit holding the system's keys judges against them.
    const hash = Buffer.from((heads.get(stream) as { hash: Uint8Array }).hash).toString('hex');
    await registerCatalogueVersion(bareKeys, hash);
    if (revision === 0) await markCatalogueVersionsRegistered(bareKeys, hash);
  }
  const replacing = catalogues.length > 0;
  let index = -1;
  for await (const event of eventsOf(subject)) {
    index += 1;
    if (isRecordedEvent(event)) {
      if (replacing && event.stream.startsWith(STREAM_PREFIXES.catalogue)) {
        const broken = replaced.check(event);
        if (broken !== undefined) {
          chainFindings.push({
            code: broken.code,
            stream: broken.stream,
            position: broken.position,
            revision: broken.revision,
            rule: { clause: 'envelope/hash-chain' },
            message: chainFindingText(broken),
          });
        }
        continue;
      }
      const { id, type, data, metadata } = event;
      const revision = await append(event.stream, { id, type, data, metadata });
      origins.set(origin(event.stream, revision), { position: event.position, revision: event.revision });
    } else if (!(replacing && event.type === 'CatalogueAdopted')) {
      const stream = bareEventStream(event);
      const revision = await appendBare(stream, event.type, event.data);
      // A bare event has no store position: its index in the list stands in for it.
      origins.set(origin(stream, revision), { position: String(index), revision });
    }
  }
  for (const period of sealedPeriods) await bareKeys.destroy(periodKeyId(period));
  return {
    store: copy,
    keys: bareKeys,
    chainFindings,
    locate(finding) {
      const original =
        finding.revision === undefined ? undefined : origins.get(origin(finding.stream, finding.revision));
      return original === undefined ? finding : { ...finding, ...original };
    },
  };
}
