import type { JsonValue } from '../json.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { privateStreamOf } from '../streams.js';
import type { CodecName } from './codec-ids.js';
import { HEADER_BYTES, readCodec } from './envelope-header.js';
import { decodeInner, type EventMeta, type InnerRecord } from './inner-record.js';
import { unpad } from './padding.js';
import type { PayloadSealer } from './seal-event.js';

/** Where an opened event sits, and its clear header. */
interface OpenedBase {
  readonly stream: string;
  readonly revision: number;
  readonly position: string;
  readonly id: string;
  readonly codec: CodecName;
  readonly hash: Uint8Array;
}

/** An event read back whole: its real type, data and meta. */
export interface ReadableEvent extends OpenedBase {
  readonly readable: true;
  readonly type: string;
  readonly data: JsonValue;
  readonly meta: EventMeta;
}

/** A private event whose key is gone (or was not given): only its clear header is known. */
export interface SealedAway extends OpenedBase {
  readonly readable: false;
}

/** An event as the core reads it. */
export type OpenedEvent = ReadableEvent | SealedAway;

/** Finds the sealer for a private event (by its stream and codec), or none when its key is gone. */
export type SealerFor = (recorded: RecordedEvent, codec: CodecName) => PayloadSealer | undefined;

/** Thrown when stored bytes do not open as an event of this format: tampering or corruption, never ignored. */
export class MalformedEvent extends Error {
  readonly code = 'MALFORMED_EVENT' as const;
  constructor(recorded: RecordedEvent, why: string) {
    super(`event ${recorded.revision} of ${recorded.stream} is malformed: ${why}`);
    this.name = 'MalformedEvent';
  }
}

/**
 * Where private payloads are decrypted, one event at a time: a fresh buffer per event cost
 * nearly as much as decrypting. Large enough for every padded size; zeroed after each use,
 * whatever the cipher did (returned, refused or threw), so no plaintext lingers in it. An
 * opening under way — a cipher or sealer that opens an event of its own — makes the inner one
 * decrypt into a fresh buffer instead.
 */
const plaintextScratch = new Uint8Array(32 * 1024);
let scratchInUse = false;

/** A private payload's inner record: decrypted, unpadded, decoded; throws {@link MalformedEvent}. */
function openPrivate(recorded: RecordedEvent, sealer: PayloadSealer): InnerRecord | undefined {
  const shared = !scratchInUse;
  if (shared) scratchInUse = true;
  let padded: Uint8Array | undefined;
  try {
    padded = sealer.open(
      recorded.data,
      { stream: recorded.stream, eventId: recorded.id },
      shared ? plaintextScratch : undefined,
    );
    if (padded === undefined) throw new MalformedEvent(recorded, 'does not decrypt under its key');
    const unpadded = unpad(padded);
    if (unpadded === undefined) throw new MalformedEvent(recorded, 'padding is broken');
    return decodeInner(unpadded);
  } finally {
    // The plaintext handed back is ours to zero, wherever the cipher put it (AES-GCM: a buffer
    // of node's); the decoded record shares none of it. In the shared buffer it is zeroed below.
    const inScratch = shared && padded?.buffer === plaintextScratch.buffer;
    if (!inScratch) padded?.fill(0);
    if (shared) {
      // What a cipher may have written into the shared buffer, also when it refused or threw:
      // at most the ciphertext's length or the view it returned — zeroing all 32 KiB per event
      // cost 14 % of a replay.
      const end = inScratch && padded !== undefined ? padded.byteOffset + padded.byteLength : 0;
      plaintextScratch.fill(0, 0, Math.min(plaintextScratch.length, Math.max(recorded.data.length, end)));
      scratchInUse = false;
    }
  }
}

/** How {@link openEvent} treats what the library never writes. */
export interface OpenEventOptions {
  /**
   * Read a clear event in a private stream instead of throwing: for an auditor who reports it
   * (and what it says), never for anything that counts or decides.
   */
  readonly readClearInPrivate?: boolean;
}

/**
 * Opens a recorded event: public payloads are read as they are, private ones opened with the
 * sealer the caller finds for them (`readable: false` when there is none). Bytes that do not
 * open under the right key, or do not decode, and a clear event in a private stream (tally
 * sheet, registry, series), throw {@link MalformedEvent}.
 */
export function openEvent(
  recorded: RecordedEvent,
  sealerFor?: SealerFor,
  options?: OpenEventOptions,
): OpenedEvent {
  // The codec alone (no header object made per event): the hash is a view made for the result.
  const codec = readCodec(recorded.metadata);
  if (codec === undefined) throw new MalformedEvent(recorded, 'no envelope header of this format');
  // The results are written out whole, not spread from a shared base: a spread here cost more
  // than decrypting the event.
  let inner: InnerRecord | undefined;
  if (codec !== 'plain') {
    const sealer = sealerFor?.(recorded, codec);
    if (sealer === undefined)
      return {
        stream: recorded.stream,
        revision: recorded.revision,
        position: recorded.position,
        id: recorded.id,
        codec,
        hash: recorded.metadata.subarray(2, HEADER_BYTES),
        readable: false,
      };
    inner = openPrivate(recorded, sealer);
  } else {
    // A private stream holds sealed events only: a clear one there was written by someone
    // without the key (a chain hash needs none), and would be counted as a tally (attack 23).
    if (options?.readClearInPrivate !== true && privateStreamOf(recorded.stream) !== undefined)
      throw new MalformedEvent(recorded, 'a private stream holds an event in clear');
    inner = decodeInner(recorded.data);
  }
  if (inner === undefined) throw new MalformedEvent(recorded, 'payload is not an event record');
  if (codec === 'plain' && inner.type !== recorded.type)
    throw new MalformedEvent(recorded, 'clear type and payload type differ');
  return {
    stream: recorded.stream,
    revision: recorded.revision,
    position: recorded.position,
    id: recorded.id,
    codec,
    hash: recorded.metadata.subarray(2, HEADER_BYTES),
    readable: true,
    type: inner.type,
    data: inner.data,
    meta: inner.meta,
  };
}

/** Structural guard for {@link MalformedEvent}. */
export function isMalformedEvent(error: unknown): error is MalformedEvent {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'MALFORMED_EVENT'
  );
}
