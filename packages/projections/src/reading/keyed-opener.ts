import {
  type Cipher,
  createAesGcmCipher,
  createPayloadSealer,
  deriveSubkeys,
  type KeyStore,
  type OpenedEvent,
  openEvent,
  type PayloadSealer,
  privateStreamOf,
  type RecordedEvent,
  readHeader,
} from '@pinnstatistik/core';

/** Opens events of the whole log: public ones as they are, private ones with their key while it exists. */
export interface KeyedOpener {
  /** The opened event; synchronous once its key has been looked up (every event but the first of a key). */
  open(event: RecordedEvent): OpenedEvent | Promise<OpenedEvent>;
  /** The sealer of a key id and algorithm, or `undefined` when the key is gone or the cipher unknown. */
  sealer(keyId: string, algorithm: string): Promise<PayloadSealer | undefined>;
  /** Forgets cached keys (a period sealed meanwhile). */
  forget(keyId: string): void;
}

/**
 * A keyed opener over a key store: keys are looked up once per key id and algorithm and
 * kept, since a missing key stays missing (keys are only ever destroyed).
 */
export function createKeyedOpener(
  keys: KeyStore | undefined,
  ciphers: readonly Cipher[] = [createAesGcmCipher()],
): KeyedOpener {
  const byAlgorithm = new Map(ciphers.map((cipher) => [cipher.algorithm, cipher]));
  const sealers = new Map<string, PayloadSealer | null>();
  // Each key's derived encryption subkey, zeroed when the key is forgotten (a sealed period's
  // subkey must not stay in a projection's process).
  const subkeys = new Map<string, Uint8Array>();
  const sealer = async (keyId: string, algorithm: string): Promise<PayloadSealer | undefined> => {
    const cacheKey = `${algorithm}/${keyId}`;
    if (!sealers.has(cacheKey)) {
      const cipher = byAlgorithm.get(algorithm);
      const material = cipher === undefined ? undefined : await keys?.get(keyId);
      if (cipher === undefined || material === undefined) sealers.set(cacheKey, null);
      else if (!sealers.has(cacheKey)) {
        const derived = deriveSubkeys(material);
        derived.naming.fill(0); // never used here
        subkeys.set(cacheKey, derived.encryption);
        sealers.set(cacheKey, createPayloadSealer(cipher, derived.encryption));
      }
    }
    return sealers.get(cacheKey) ?? undefined;
  };
  return {
    open(event) {
      const owner = privateStreamOf(event.stream);
      const codec = readHeader(event.metadata)?.codec;
      if (owner === undefined || codec === undefined || codec === 'plain') return openEvent(event);
      const cacheKey = `${codec}/${owner.keyId}`;
      if (sealers.has(cacheKey)) return openEvent(event, () => sealers.get(cacheKey) ?? undefined);
      return sealer(owner.keyId, codec).then((found) => openEvent(event, () => found));
    },
    sealer,
    forget(keyId) {
      for (const cacheKey of [...sealers.keys()])
        if (cacheKey.endsWith(`/${keyId}`)) {
          sealers.delete(cacheKey);
          subkeys.get(cacheKey)?.fill(0);
          subkeys.delete(cacheKey);
        }
    },
  };
}
