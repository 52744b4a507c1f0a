/**
 * Where encryption keys live. Keys are the only thing the library ever deletes, so they
 * cannot live in the append-only log: destroying a key makes what it encrypted unreadable.
 */
export interface KeyStore {
  /** Creates the key if it does not exist (and returns the existing one if it does). */
  create(keyId: string): Promise<Uint8Array>;
  /** The key, or `undefined` when it never existed or was destroyed. */
  get(keyId: string): Promise<Uint8Array | undefined>;
  /** Destroys the key for good; destroying an absent key is not an error. */
  destroy(keyId: string): Promise<void>;
}
