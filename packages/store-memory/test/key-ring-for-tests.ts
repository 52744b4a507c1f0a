import {
  createAesGcmCipher,
  createPayloadSealer,
  deriveSubkeys,
  type KeyStore,
  openEvent,
  type RecordedEvent,
  type SheetDetailEvent,
} from '@pinnstatistik/core';

/** Opens detail sealed under a period key, as a projection of an open period does (test helper). */
export function createKeyRingForTests(keys: KeyStore) {
  return async (keyId: string) => {
    const material = await keys.get(keyId);
    if (material === undefined) throw new Error(`no key ${keyId}`);
    const sealer = createPayloadSealer(createAesGcmCipher(), deriveSubkeys(material).encryption);
    return (recorded: RecordedEvent): SheetDetailEvent => {
      const opened = openEvent(recorded, () => sealer);
      if (!opened.readable) throw new Error('not readable');
      return { type: opened.type, data: opened.data } as unknown as SheetDetailEvent;
    };
  };
}
