import type { JsonValue } from '../json.js';
import type { EventToAppend } from '../ports/event-store.js';
import { CODEC_IDS, codecIdOf } from './codec-ids.js';
import { encodeHeader } from './envelope-header.js';
import { hashEvent } from './event-hash.js';
import { type EventMeta, innerJson, sealedInnerJson } from './inner-record.js';
import { sealPadded, utf8Slab } from './padded-plaintext.js';

/** The clear type of every event whose real type is private. */
export const ENCRYPTED_TYPE = 'Encrypted';

/** Seals and opens payloads under one key (the codec byte names its algorithm). */
export interface PayloadSealer {
  readonly algorithm: string;
  seal(plaintext: Uint8Array, context: SealContext): Uint8Array;
  /**
   * The plaintext, or `undefined` when the key, the bytes or the context do not match. With
   * `into`, the plaintext may be written there (as with `Cipher.decrypt`).
   */
  open(sealed: Uint8Array, context: SealContext, into?: Uint8Array): Uint8Array | undefined;
}

/** What a sealed payload is bound to (as associated data): it cannot be moved to another event. */
export interface SealContext {
  readonly stream: string;
  readonly eventId: string;
}

/** How a private stream's events are stored: sealed, padded to a size its policy chooses. */
export interface StreamPrivacy {
  readonly sealer: PayloadSealer;
  /** The padded size for a plaintext of this length and event type (one size per stream kind; a note: a few buckets). */
  readonly paddedSize: (length: number, type: string) => number;
}

/** An event ready to be chained: its id, real type, data and meta. */
export interface EventDraft {
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly meta: EventMeta;
}

/** A chained event and its hash (the next event's `prev`). */
export interface SealedEvent {
  readonly event: EventToAppend;
  readonly hash: Uint8Array;
}

/**
 * Encodes one event for the store and chains it: public events keep their type and a canonical
 * JSON payload in clear; private ones show only `Encrypted`, the codec and the hash — type,
 * data and meta are padded and sealed.
 */
export function sealEvent(
  stream: string,
  revision: number,
  prev: Uint8Array,
  draft: EventDraft,
  privacy?: StreamPrivacy,
): SealedEvent {
  // Public payloads are read by people (auditors, exports): named; sealed ones positional where they can be.
  const inner = privacy === undefined ? innerJson(draft) : sealedInnerJson(draft);
  let type = draft.type;
  let codecId: number = CODEC_IDS.plain;
  let payload: Uint8Array;
  if (privacy === undefined) payload = utf8Slab(inner);
  else {
    type = ENCRYPTED_TYPE;
    codecId = codecIdOf(privacy.sealer.algorithm);
    const context = { stream, eventId: draft.id };
    payload = sealPadded(
      inner,
      (length) => privacy.paddedSize(length, draft.type),
      (padded) => privacy.sealer.seal(padded, context),
    );
  }
  const hash = hashEvent(prev, { stream, revision, id: draft.id, type, codecId, payload });
  return { event: { id: draft.id, type, data: payload, metadata: encodeHeader(codecId, hash) }, hash };
}
