import {
  createAesGcmCipher,
  createEncryptedCodec,
  deriveSubkeys,
  type EventStore,
  type JsonValue,
  type RecordedEvent,
} from '@pinnstatistik/core';
import type { RecordingKeyStore } from './recording-key-store.js';

/** An event a command wrote, as the test sees it: decrypted, with where it went. */
export interface WrittenEvent {
  readonly type: string;
  /** The event's data, decrypted when it is stored encrypted. */
  readonly data: JsonValue;
  readonly stream: string;
  readonly revision: number;
  /** True when the store holds only ciphertext of `data` (detail under a period or series key). */
  readonly encrypted: boolean;
}

const cipher = createAesGcmCipher();

/** Decrypts a recorded event with the key it was written under (remembered even if destroyed since). */
function decode(event: RecordedEvent, keys: RecordingKeyStore): WrittenEvent {
  const { codec, keyId } = event.metadata;
  const base = { type: event.type, stream: event.stream, revision: event.revision };
  if (codec === 'plain') return { ...base, data: event.data, encrypted: false };
  const material = typeof keyId === 'string' ? keys.remembered(keyId) : undefined;
  if (material === undefined || codec !== cipher.algorithm)
    return { ...base, data: event.data, encrypted: true };
  const data = createEncryptedCodec(cipher, deriveSubkeys(material).encryption).decode(event.data, {
    stream: event.stream,
    eventId: event.id,
    type: event.type,
  });
  return { ...base, data, encrypted: true };
}

/** Reads what the store gained after a position, decrypted; returns the new last position too. */
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
