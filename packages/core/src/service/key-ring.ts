import type { Cipher } from '../crypto/cipher.js';
import { createEncryptedCodec } from '../crypto/encrypted-codec.js';
import { deriveSubkeys } from '../crypto/key-derivation.js';
import type { KeyStore } from '../ports/key-store.js';
import type { DecodeEvent } from './loaded-stream.js';
import type { Storage } from './stream-writer.js';

/** An open key: how to store events under it, decode them, and name streams with it. */
export interface OpenKey {
  readonly keyId: string;
  readonly storage: Storage;
  readonly naming: Uint8Array;
  /** Decodes events encrypted under this key; events stored in clear pass through. */
  readonly decode: DecodeEvent;
}

/** Opens keys from the key store (cached per id), creates them on demand and destroys them. */
export interface KeyRing {
  existing(keyId: string): Promise<OpenKey | undefined>;
  create(keyId: string): Promise<OpenKey>;
  destroy(keyId: string): Promise<void>;
}

/** Decodes events stored in clear, and nothing else (their key is gone or unknown). */
export const decodeClearOnly: DecodeEvent = (recorded) =>
  recorded.metadata.codec === 'plain' ? recorded.data : undefined;

/** A key ring over a key store and a cipher. */
export function createKeyRing(keys: KeyStore, cipher: Cipher): KeyRing {
  const open = new Map<string, OpenKey>();
  const openKey = (keyId: string, material: Uint8Array): OpenKey => {
    const subkeys = deriveSubkeys(material);
    const codec = createEncryptedCodec(cipher, subkeys.encryption);
    const handle: OpenKey = {
      keyId,
      storage: { codec, keyId },
      naming: subkeys.naming,
      decode: (recorded) => {
        if (recorded.metadata.codec === 'plain') return recorded.data;
        if (recorded.metadata.keyId !== keyId || recorded.metadata.codec !== cipher.algorithm)
          return undefined;
        return codec.decode(recorded.data, {
          stream: recorded.stream,
          eventId: recorded.id,
          type: recorded.type,
        });
      },
    };
    open.set(keyId, handle);
    return handle;
  };
  return {
    async existing(keyId) {
      const cached = open.get(keyId);
      if (cached !== undefined) return cached;
      const material = await keys.get(keyId);
      return material === undefined ? undefined : openKey(keyId, material);
    },
    async create(keyId) {
      return open.get(keyId) ?? openKey(keyId, await keys.create(keyId));
    },
    async destroy(keyId) {
      open.delete(keyId);
      await keys.destroy(keyId);
    },
  };
}
