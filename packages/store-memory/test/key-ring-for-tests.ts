import {
  createAesGcmCipher,
  createEncryptedCodec,
  deriveSubkeys,
  type KeyStore,
  type RecordedEvent,
} from '@pinnstatistik/core';

/** Opens detail encrypted under a period key, as a projection of an open period does (test helper). */
export function createKeyRingForTests(keys: KeyStore) {
  return async (keyId: string) => {
    const material = await keys.get(keyId);
    if (material === undefined) throw new Error(`no key ${keyId}`);
    const codec = createEncryptedCodec(createAesGcmCipher(), deriveSubkeys(material).encryption);
    return (recorded: RecordedEvent) =>
      codec.decode(recorded.data, { stream: recorded.stream, eventId: recorded.id, type: recorded.type });
  };
}
