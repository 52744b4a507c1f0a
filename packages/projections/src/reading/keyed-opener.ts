import {
  type Cipher,
  createAesGcmCipher,
  createPayloadSealer,
  deriveSubkeys,
  type KeyStore,
  type OpenEventOptions,
  type OpenedEvent,
  openEvent,
  type PayloadSealer,
  privateStreamOf,
  type RecordedEvent,
  readCodec,
  readSealProofKey,
  SEAL_PROOF_KEY_ID,
} from '@pinnstatistik/core';

/** Opens events of the whole log: public ones as they are, private ones with their key while it exists. */
export interface KeyedOpener {
  /** The opened event; synchronous once its key has been looked up (every event but the first of a key). */
  open(event: RecordedEvent): OpenedEvent | Promise<OpenedEvent>;
  /** The sealer of a key id and algorithm, or `undefined` when the key is gone or the cipher unknown. */
  sealer(keyId: string, algorithm: string): Promise<PayloadSealer | undefined>;
  /**
   * Forgets a key for good (a period sealed meanwhile): its subkey is zeroed, and a sealer of it
   * still held by a caller refuses to seal (throws) and opens nothing.
   */
  forget(keyId: string): void;
  /** Whether a key was forgotten — for a caller that got a sealer before an await. */
  isForgotten(keyId: string): boolean;
  /**
   * The encryption subkey of a key already looked up and not forgotten (for the opening worker,
   * `parallel-opener.ts`), else `undefined`: nothing is looked up.
   */
  subkeyOf(keyId: string, algorithm: string): Uint8Array | undefined;
  /**
   * The subkey seals are proven with (of the key store's seal-proof key), or `undefined` while the
   * key store holds none (nothing sealed yet, or a reader given no keys). Asked again until found;
   * synchronous once found.
   */
  proofKey(): Uint8Array | Promise<Uint8Array | undefined>;
}

/**
 * A dropped opener's subkeys, zeroed when it is collected: a projection used for one replay and
 * dropped would otherwise leave the months' subkeys in freed memory (the collector frees, it
 * does not clear). The key store's keys are never touched.
 */
const zeroWhenCollected = new FinalizationRegistry<ReadonlyMap<string, Uint8Array>>((subkeys) => {
  for (const subkey of subkeys.values()) subkey.fill(0);
});

const KEEPS_OPENER = Symbol('keeps its keyed opener');

/** Where the seal-proof subkey is kept among the subkeys (no cipher is named `proof`). */
const PROOF_SLOT = `proof/${SEAL_PROOF_KEY_ID}`;

/**
 * A keyed opener over a key store: keys are looked up once per key id and algorithm and
 * kept, since a missing key stays missing (keys are only ever destroyed).
 */
export function createKeyedOpener(
  keys: KeyStore | undefined,
  ciphers: readonly Cipher[] = [createAesGcmCipher()],
  options?: OpenEventOptions,
): KeyedOpener {
  const byAlgorithm = new Map(ciphers.map((cipher) => [cipher.algorithm, cipher]));
  const sealers = new Map<string, PayloadSealer | null>();
  // The sealer each private stream's events were last opened with, by its stream name and codec: a
  // replay asks for the same few streams' keys at every event, and the lookup by key id built two
  // strings an event to find them. Cleared whenever a key is forgotten.
  const byStream = new Map<string, { readonly codec: string; readonly sealer: PayloadSealer | null }>();
  // Each key's derived encryption subkey, zeroed when the key is forgotten (a sealed period's
  // subkey must not stay in a projection's process).
  const subkeys = new Map<string, Uint8Array>();
  // Keys forgotten for good: a sealed period's key is destroyed, and nothing may be derived from
  // it again — not even from material read before it was forgotten.
  const forgotten = new Set<string>();
  /** A sealer of one key that seals nothing once the key is forgotten (its subkey is zeros by then). */
  const guarded = (keyId: string, sealer: PayloadSealer): PayloadSealer => {
    const kept: PayloadSealer = {
      algorithm: sealer.algorithm,
      seal(plaintext, context) {
        if (forgotten.has(keyId)) throw new Error(`the key ${keyId} is forgotten: nothing is sealed with it`);
        return sealer.seal(plaintext, context);
      },
      open: (sealed, context, into) =>
        forgotten.has(keyId) ? undefined : sealer.open(sealed, context, into),
    };
    // A sealer handed out keeps its opener alive: collected under a caller still holding it, its
    // subkey would be zeroed and seal with a key of zeros.
    Object.defineProperty(kept, KEEPS_OPENER, { value: opener });
    return kept;
  };
  const sealer = async (keyId: string, algorithm: string): Promise<PayloadSealer | undefined> => {
    if (forgotten.has(keyId)) return undefined;
    const cacheKey = `${algorithm}/${keyId}`;
    if (!sealers.has(cacheKey)) {
      const cipher = byAlgorithm.get(algorithm);
      const material = cipher === undefined ? undefined : await keys?.get(keyId);
      // Forgotten while the key store answered: the material is not to be used.
      if (forgotten.has(keyId)) return undefined;
      // Another lookup of the same key may have finished first: its answer stands (a key is only
      // ever revoked by `forget`), so the opener never holds two answers for one key.
      if (sealers.has(cacheKey)) return sealers.get(cacheKey) ?? undefined;
      if (cipher === undefined || material === undefined) sealers.set(cacheKey, null);
      else {
        const derived = deriveSubkeys(material);
        derived.naming.fill(0); // never used here
        derived.proof.fill(0);
        subkeys.set(cacheKey, derived.encryption);
        sealers.set(cacheKey, guarded(keyId, createPayloadSealer(cipher, derived.encryption)));
      }
    }
    return sealers.get(cacheKey) ?? undefined;
  };
  const lookUpProofKey = async (): Promise<Uint8Array | undefined> => {
    const found = keys === undefined ? undefined : await readSealProofKey(keys);
    if (found === undefined) return undefined;
    const raced = subkeys.get(PROOF_SLOT);
    if (raced !== undefined) {
      found.fill(0);
      return raced;
    }
    subkeys.set(PROOF_SLOT, found); // zeroed with the rest when the opener is collected
    return found;
  };
  const proofKey = () => subkeys.get(PROOF_SLOT) ?? lookUpProofKey();
  const opener: KeyedOpener = {
    open(event) {
      const codec = readCodec(event.metadata);
      const known = byStream.get(event.stream);
      if (known !== undefined && known.codec === codec)
        return openEvent(event, () => known.sealer ?? undefined);
      const owner = privateStreamOf(event.stream);
      if (owner === undefined || codec === undefined || codec === 'plain')
        return openEvent(event, undefined, options);
      const cacheKey = `${codec}/${owner.keyId}`;
      const cached = sealers.get(cacheKey);
      if (cached !== undefined) {
        byStream.set(event.stream, { codec, sealer: cached });
        return openEvent(event, () => cached ?? undefined);
      }
      return sealer(owner.keyId, codec).then((found) => openEvent(event, () => found));
    },
    sealer,
    proofKey,
    isForgotten: (keyId) => forgotten.has(keyId),
    subkeyOf: (keyId, algorithm) => (forgotten.has(keyId) ? undefined : subkeys.get(`${algorithm}/${keyId}`)),
    forget(keyId) {
      forgotten.add(keyId);
      byStream.clear();
      for (const cacheKey of [...sealers.keys()])
        if (cacheKey.endsWith(`/${keyId}`)) {
          sealers.delete(cacheKey);
          subkeys.get(cacheKey)?.fill(0);
          subkeys.delete(cacheKey);
        }
    },
  };
  zeroWhenCollected.register(opener, subkeys);
  return opener;
}
