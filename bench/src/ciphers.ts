import { createRequire } from 'node:module';
import { type Cipher, createAesGcmCipher, createXChaChaCipher, type SodiumNative } from '@pinnstatistik/core';

/** The ciphers the bench compares. */
export type CipherName = 'aes' | 'sodium';

const require = createRequire(import.meta.url);

/** Why sodium-native could not be loaded, or `undefined` when it loads. */
export function sodiumUnavailable(): string | undefined {
  try {
    require('sodium-native');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A cipher by name: node's AES-256-GCM, or XChaCha20-Poly1305 from sodium-native. */
export function cipherNamed(name: CipherName): Cipher {
  if (name === 'aes') return createAesGcmCipher();
  return createXChaChaCipher(require('sodium-native') as SodiumNative);
}
