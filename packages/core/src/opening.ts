/**
 * What opening a sealed payload takes — the ciphers, the payload sealer and the unpadding — apart
 * from the rest of core, for a worker thread that decrypts (`statisticsProjection({
 * parallelOpening: true })`): loading the whole core made the worker's start ≈ 0.3 s.
 *
 * @packageDocumentation
 * @module @pinnstatistik/core/opening
 */
export { createAesGcmCipher } from './crypto/aes-gcm-cipher.js';
export type { Cipher } from './crypto/cipher.js';
export { createPayloadSealer } from './crypto/payload-sealer.js';
export { createXChaChaCipher, type SodiumNative } from './crypto/xchacha-cipher.js';
export { unpad } from './envelope/padding.js';
export type { PayloadSealer } from './envelope/seal-event.js';
