/**
 * Authenticated encryption behind a small port: the envelope names the algorithm, so a log
 * can mix ciphers and still be read (and its chains verified without any key).
 */
export interface Cipher {
  // Both calls are synchronous and must not keep `plaintext`, `associatedData` (or `into`) past
  // returning: callers zero or reuse those buffers for the next event.
  /** The algorithm's name as stored in each envelope (`aes-256-gcm`, `xchacha20-poly1305`). */
  readonly algorithm: string;
  /** Seals plaintext under a 32-byte key with associated data; returns nonce ‖ ciphertext ‖ tag. */
  encrypt(key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array;
  /**
   * Opens what `encrypt` sealed; `undefined` when the key, the data or the associated data do
   * not match. The caller owns the plaintext returned (it zeroes it once read). With `into`
   * (large enough), a cipher may write the plaintext at its start and return a view of exactly
   * that — for a caller that reads it at once and reuses one buffer for every event; it writes
   * nothing else there.
   */
  decrypt(
    key: Uint8Array,
    sealed: Uint8Array,
    associatedData: Uint8Array,
    into?: Uint8Array,
  ): Uint8Array | undefined;
}
