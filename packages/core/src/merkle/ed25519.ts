import {
  createHash,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

// DER prefixes of an Ed25519 private key (PKCS #8) and public key (SPKI) around their 32 raw bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A key that signs the log's checkpoints (Ed25519, RFC 8032), with its public half and id. */
export interface SigningKey {
  readonly keyId: string;
  /** The raw 32-byte public key. */
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** A public key's id: the first 16 hex digits of SHA-256 over its raw bytes. */
export function logKeyId(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 16);
}

/** The signing key of a 32-byte Ed25519 seed (RFC 8032 §5.1.5). */
export function signingKeyFromSeed(seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
  return {
    keyId: logKeyId(publicKey),
    publicKey,
    sign: (message) => new Uint8Array(sign(null, message, privateKey)),
  };
}

/**
 * The checkpoint-signing key held in a `KeyStore` slot: the Ed25519 seed is derived from the
 * stored bytes with HKDF-SHA-256, so the stored key is never used for anything else as is.
 */
export function signingKeyFromStored(stored: Uint8Array): SigningKey {
  const seed = hkdfSync('sha256', stored, new Uint8Array(0), 'pinnstatistik/log-signing/ed25519', 32);
  return signingKeyFromSeed(new Uint8Array(seed));
}

const verifiers = new Map<string, KeyObject>();

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  const cacheKey = Buffer.from(publicKey).toString('hex');
  let key = verifiers.get(cacheKey);
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
    if (verifiers.size > 64) verifiers.clear();
    verifiers.set(cacheKey, key);
  }
  return key;
}

/** Whether `signature` is an Ed25519 signature of `message` under the raw `publicKey`. Never throws. */
export function verifySignature(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return verify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
}

/** A raw public key as PEM (SPKI), the file an operator publishes and an auditor keeps. */
export function publicKeyPem(publicKey: Uint8Array): string {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' })
    .export({ format: 'pem', type: 'spki' })
    .toString();
}

/** The raw public key of a PEM (SPKI) Ed25519 key; `undefined` for anything else. */
export function publicKeyFromPem(pem: string): Uint8Array | undefined {
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519') return undefined;
    const spki = key.export({ format: 'der', type: 'spki' });
    return new Uint8Array(spki.subarray(spki.length - 32));
  } catch {
    return undefined;
  }
}
