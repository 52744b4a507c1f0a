import type { EventToAppend, RecordedEvent } from '@pinnstatistik/core';
import { assertServerEventId } from './event-ids.js';
import { type EsdbPosition, formatPosition } from './positions.js';

/** An event as both clients take it (the shape their `binaryEvent()` returns). */
export interface ProposedEvent {
  readonly id: string;
  readonly contentType: 'application/octet-stream';
  readonly type: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** A recorded event as both clients return it. */
export interface ClientRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly isJson: boolean;
  readonly position?: EsdbPosition;
}

/**
 * The first bytes of every metadata this store writes. Both clients hand custom metadata back
 * as parsed JSON when it parses (`parseMetadata` in `@eventstore/db-client`'s
 * `convertGrpcEvent` and `@kurrent/kurrentdb-client`'s `convertRustEvent`: `JSON.parse`, else
 * the raw bytes) and as `undefined` when it is empty; opaque bytes would then come back changed
 * whenever they happen to be JSON text (`{}`, `42`) or empty. A NUL byte is not JSON
 * whitespace, so no metadata starting with it ever parses: the clients always return the bytes.
 * The second byte is the layout's version.
 */
export const METADATA_HEADER: Readonly<Uint8Array> = Uint8Array.of(0x00, 0x01);

/**
 * Our event as the client's binary event: `application/octet-stream`, the data as given, the
 * metadata behind {@link METADATA_HEADER}. The id must be a canonical UUID (the server's ids are
 * UUIDs and it answers reads with the canonical form).
 */
export function toProposedEvent(event: EventToAppend): ProposedEvent {
  assertServerEventId(event.id);
  // The clients check `metadata.constructor === Uint8Array` (a Buffer would be sent as JSON),
  // so the metadata is always a fresh plain Uint8Array.
  const metadata = new Uint8Array(METADATA_HEADER.length + event.metadata.length);
  metadata.set(METADATA_HEADER, 0);
  metadata.set(event.metadata, METADATA_HEADER.length);
  return {
    id: event.id,
    contentType: 'application/octet-stream',
    type: event.type,
    data: event.data,
    metadata,
  };
}

const encoder = new TextEncoder();

/** The bytes the server counts against its append limit for one event: data, metadata and type. */
export function proposedSize(event: ProposedEvent): number {
  return event.data.length + event.metadata.length + encoder.encode(event.type).length;
}

/** Whether a record belongs to the server: a `$` stream or a `$` event type (links, tombstones, stats, metadata). */
export function isSystemRecord(record: ClientRecordedEvent): boolean {
  return record.streamId.startsWith('$') || record.type.startsWith('$');
}

/** Whether a record is a tombstone: the `$streamDeleted` event a hard delete writes into the stream. */
export function isTombstone(record: ClientRecordedEvent): boolean {
  return record.type === '$streamDeleted' && !record.streamId.startsWith('$');
}

function hasHeader(bytes: Uint8Array): boolean {
  return (
    bytes.length >= METADATA_HEADER.length && METADATA_HEADER.every((byte, index) => bytes[index] === byte)
  );
}

/**
 * A record as our port returns it. A record this store did not write (JSON, or metadata
 * without the header) is an infrastructure fault: the database holds foreign events.
 */
export function toRecordedEvent(record: ClientRecordedEvent): RecordedEvent {
  const where = `${record.streamId}@${record.revision}`;
  const foreign = `event ${where} was not written by this store`;
  if (record.isJson || !(record.data instanceof Uint8Array)) throw new Error(`${foreign}: it is not binary`);
  if (!(record.metadata instanceof Uint8Array) || !hasHeader(record.metadata)) {
    throw new Error(`${foreign}: its metadata lacks the store's header`);
  }
  if (record.position === undefined) throw new Error(`event ${where} came without a $all position`);
  const revision = Number(record.revision);
  if (!Number.isSafeInteger(revision)) throw new RangeError(`event ${where} has a revision beyond 2^53`);
  return {
    stream: record.streamId,
    revision,
    position: formatPosition(record.position),
    id: record.id,
    type: record.type,
    data: record.data,
    metadata: record.metadata.subarray(METADATA_HEADER.length),
  };
}
