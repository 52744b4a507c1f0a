import { type KeyStore, type Random, secureRandom } from '@pinnstatistik/core';

const KEY_BYTES = 32;

/**
 * Keys in memory: for tests and embedded use where keys need not outlive the process. A
 * destroyed key is overwritten before it is forgotten.
 */
export function createMemoryKeyStore(random: Random = secureRandom): KeyStore & { readonly size: number } {
  const keys = new Map<string, Uint8Array>();
  return {
    async create(keyId) {
      const existing = keys.get(keyId);
      if (existing !== undefined) return existing;
      const key = random.bytes(KEY_BYTES);
      keys.set(keyId, key);
      return key;
    },
    async get(keyId) {
      return keys.get(keyId);
    },
    async destroy(keyId) {
      keys.get(keyId)?.fill(0);
      keys.delete(keyId);
      return { outcome: 'verified' };
    },
    get size() {
      return keys.size;
    },
  };
}
