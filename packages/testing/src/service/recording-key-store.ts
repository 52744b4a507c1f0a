import type { KeyStore } from '@pinnstatistik/core';

/**
 * A key store that remembers a copy of every key it hands out, so a test can still read
 * what was written under a key the command destroyed (sealing, closing a series). The copies
 * live only in the test; the wrapped store destroys its keys as it always does.
 */
export interface RecordingKeyStore extends KeyStore {
  /** The key material once handed out under an id, destroyed or not. */
  remembered(keyId: string): Uint8Array | undefined;
}

/** Wraps a key store, keeping a copy of every key it hands out. */
export function recordingKeyStore(keys: KeyStore): RecordingKeyStore {
  const copies = new Map<string, Uint8Array>();
  const remember = (keyId: string, material: Uint8Array | undefined): Uint8Array | undefined => {
    if (material !== undefined && !copies.has(keyId)) copies.set(keyId, Uint8Array.from(material));
    return material;
  };
  return {
    create: async (keyId) => remember(keyId, await keys.create(keyId)) as Uint8Array,
    get: async (keyId) => remember(keyId, await keys.get(keyId)),
    destroy: (keyId) => keys.destroy(keyId),
    remembered: (keyId) => copies.get(keyId),
  };
}
