import {
  createAesGcmCipher,
  createPayloadSealer,
  deriveSubkeys,
  type EventStore,
  type JsonValue,
  openEvent,
  privateStreamOf,
  type RecordedEvent,
} from '@pinnstatistik/core';
import type { RecordingKeyStore } from './recording-key-store.js';

/** An event a command wrote, as the test sees it: opened, with where it went. */
export interface WrittenEvent {
  /** The event's real type (inside the ciphertext for private streams). */
  readonly type: string;
  /** The event's data, opened when it is stored sealed (`undefined` when no key for it was ever handed out). */
  readonly data: JsonValue | undefined;
  readonly stream: string;
  readonly revision: number;
  /** True when the store holds only ciphertext (detail under a period or series key). */
  readonly encrypted: boolean;
}

const cipher = createAesGcmCipher();

/** Opens a recorded event with the key it was written under (remembered even if destroyed since). */
function decode(event: RecordedEvent, keys: RecordingKeyStore): WrittenEvent {
  const base = { stream: event.stream, revision: event.revision };
  const owner = privateStreamOf(event.stream);
  const material = owner === undefined ? undefined : keys.remembered(owner.keyId);
  const opened = openEvent(event, (_recorded, codec) =>
    material === undefined || codec !== cipher.algorithm
      ? undefined
      : createPayloadSealer(cipher, deriveSubkeys(material).encryption),
  );
  if (!opened.readable) return { ...base, type: event.type, data: undefined, encrypted: true };
  return { ...base, type: opened.type, data: opened.data, encrypted: opened.codec !== 'plain' };
}

/**
 * Reads what the store gained after a position, opened; returns the new last position too.
 * Streams deleted since (a sealed period's detail, a closed series) are no longer in the log.
 */
export async function readWrittenSince(
  store: EventStore,
  keys: RecordingKeyStore,
  after: string | undefined,
): Promise<{ events: WrittenEvent[]; last: string | undefined }> {
  const events: WrittenEvent[] = [];
  let last = after;
  for await (const event of store.readAll(after === undefined ? {} : { after })) {
    events.push(decode(event, keys));
    last = event.position;
  }
  return { events, last };
}
