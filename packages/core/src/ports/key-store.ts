/**
 * What destroying a key achieved. A key store says what it can prove, never more:
 * - `verified`: the store checked that no copy of the key is left in what it holds (memory
 *   zeroed; PostgreSQL: the table rewritten, checkpointed, and its files read back);
 * - `unverifiable`: the key is deleted but the store cannot check every copy (a file system
 *   or an SSD may keep overwritten blocks) — `detail` says what remains possible;
 * - `residue`: a copy is known to remain (an older snapshot still sees the row) — `detail`
 *   says where; run the destruction again once that is gone.
 * WAL, archives, replicas and backups are outside every key store's reach: see the docs.
 */
export interface KeyDestruction {
  readonly outcome: 'verified' | 'unverifiable' | 'residue';
  readonly detail?: string;
}

/**
 * Where encryption keys live. Keys are the only thing the library destroys outright, so they
 * cannot live in the append-only log: destroying a key makes what it encrypted unreadable.
 * Keep live keys outside the events' database: a copy of the events must not carry the keys
 * that open them.
 */
export interface KeyStore {
  /** Creates the key if it does not exist (and returns the existing one if it does). */
  create(keyId: string): Promise<Uint8Array>;
  /** The key, or `undefined` when it never existed or was destroyed. */
  get(keyId: string): Promise<Uint8Array | undefined>;
  /** Destroys the key for good; destroying an absent key is not an error (and is `verified` when nothing is left). */
  destroy(keyId: string): Promise<KeyDestruction>;
}
