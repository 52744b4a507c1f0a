import { deriveSubkeys } from '../crypto/key-derivation.js';
import type { KeyStore } from '../ports/key-store.js';
import { SEAL_PROOF_KEY_ID } from './seal-proof.js';

/**
 * The subkey seals and amendments are proven with, read from a key store (never made): for a
 * reader that checks them — `undefined` when the key store holds no seal-proof key (nothing was
 * ever sealed with it, or the reader was given no keys). Zero it when done.
 */
export async function readSealProofKey(keys: KeyStore): Promise<Uint8Array | undefined> {
  const material = await keys.get(SEAL_PROOF_KEY_ID);
  if (material === undefined) return undefined;
  const { encryption, naming, proof } = deriveSubkeys(material);
  encryption.fill(0);
  naming.fill(0);
  return proof;
}
