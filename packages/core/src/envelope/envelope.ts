import { hash as oneShotHash } from 'node:crypto';
import type { JsonObject, JsonValue } from '../json.js';
import type { EventToAppend } from '../ports/event-store.js';
import { canonicalEnvelope } from './canonical-envelope.js';

/** The `prev` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a writer puts in clear beside an event, before it is chained. */
export interface UnchainedMetadata {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly codec: string;
  readonly catalogueId?: string;
  readonly catalogueVersion?: string;
}

/** What the library keeps in clear beside every event. */
export interface EnvelopeMetadata extends UnchainedMetadata {
  /** The hash of the stream's previous event ({@link GENESIS_HASH} for the first). */
  readonly prev: string;
  /** SHA-256 over the RFC 8785 form of this event (stream, revision, id, type, stored data, metadata but this field). */
  readonly hash: string;
}

/** What goes into an event's hash. */
export interface HashedContent {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonObject;
}

/** The hash of an event: SHA-256 (hex) over its canonical JSON, with the `hash` field left out. */
export function hashEvent(content: HashedContent): string {
  const canonical = canonicalEnvelope(
    content.stream,
    content.revision,
    content.id,
    content.type,
    content.data,
    content.metadata,
  );
  return oneShotHash('sha256', canonical, 'hex');
}

/** Seals one event into the stream's chain: sets `prev` and `hash`. */
export function chainEvent(
  stream: string,
  revision: number,
  prev: string,
  event: { id: string; type: string; data: JsonValue; metadata: UnchainedMetadata },
): EventToAppend & { metadata: EnvelopeMetadata & JsonObject } {
  const unsealed = { ...event.metadata, prev } as JsonObject;
  const hash = hashEvent({
    stream,
    revision,
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: unsealed,
  });
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: { ...unsealed, hash } as EnvelopeMetadata & JsonObject,
  };
}
