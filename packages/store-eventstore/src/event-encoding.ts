import type { EventToAppend, JsonObject, JsonValue, RecordedEvent } from '@pinnstatistik/core';
import { ORIGINAL_ID_KEY, serverEventId } from './event-ids.js';
import { type EsdbPosition, formatPosition } from './positions.js';

/** An event as both clients take it (the shape their `jsonEvent()` returns). */
export interface ProposedEvent {
  readonly id: string;
  readonly contentType: 'application/json';
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonObject;
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

const encoder = new TextEncoder();

function isJsonObject(value: unknown): value is JsonObject {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/** Our event as the client's JSON event: data and metadata stored as JSON, our id kept when the server's differs. */
export function toProposedEvent(event: EventToAppend): ProposedEvent {
  if (Object.hasOwn(event.metadata, ORIGINAL_ID_KEY)) {
    throw new TypeError(`event metadata may not use the reserved key ${JSON.stringify(ORIGINAL_ID_KEY)}`);
  }
  const id = serverEventId(event.id);
  return {
    id,
    contentType: 'application/json',
    type: event.type,
    data: event.data,
    metadata: id === event.id ? event.metadata : { ...event.metadata, [ORIGINAL_ID_KEY]: event.id },
  };
}

/** The bytes the server counts against its append limit for one event: data, metadata and type. */
export function proposedSize(event: ProposedEvent): number {
  return (
    encoder.encode(JSON.stringify(event.data)).length +
    encoder.encode(JSON.stringify(event.metadata)).length +
    encoder.encode(event.type).length
  );
}

/** Whether a record belongs to the server: a `$` stream or a `$` event type (links, stats, metadata). */
export function isSystemRecord(record: ClientRecordedEvent): boolean {
  return record.streamId.startsWith('$') || record.type.startsWith('$');
}

/** A record as our port returns it; a record this store did not write as JSON is an infrastructure fault. */
export function toRecordedEvent(record: ClientRecordedEvent): RecordedEvent {
  const where = `${record.streamId}@${record.revision}`;
  if (!record.isJson) throw new Error(`event ${where} is not JSON: it was not written by this store`);
  if (record.position === undefined) throw new Error(`event ${where} came without a $all position`);
  let metadata: JsonObject = {};
  let id = record.id;
  if (isJsonObject(record.metadata)) {
    const { [ORIGINAL_ID_KEY]: original, ...rest } = record.metadata;
    metadata = rest;
    if (typeof original === 'string') id = original;
  } else if (record.metadata !== undefined) {
    throw new Error(
      `event ${where} has metadata that is not a JSON object: it was not written by this store`,
    );
  }
  const revision = Number(record.revision);
  if (!Number.isSafeInteger(revision)) throw new RangeError(`event ${where} has a revision beyond 2^53`);
  return {
    stream: record.streamId,
    revision,
    position: formatPosition(record.position),
    id,
    type: record.type,
    data: record.data as JsonValue,
    metadata,
  };
}
