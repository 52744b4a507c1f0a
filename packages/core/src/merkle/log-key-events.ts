import { canonicalJson } from '../envelope/canonical-json.js';
import { logKeyId as logKeyIdOf, type SigningKey, verifySignature } from './ed25519.js';
import { fromBase64, toBase64 } from './encoding.js';

/** The public stream of the log's checkpoint-signing keys: adoptions and rotations, in the tree. */
export const LOG_KEYS_STREAM = 'log-keys';

/** A checkpoint-signing key was adopted (the first, or one that replaces a lost key without endorsement). */
export interface LogKeyAdopted {
  readonly type: 'LogKeyAdopted';
  readonly data: {
    readonly keyId: string;
    /** The raw Ed25519 public key, base64. */
    readonly publicKey: string;
    /** The `KeyStore` id of the private half (the key itself never enters the log). */
    readonly keyStoreId: string;
    readonly adoptedAt: string;
  };
}

/** The signing key was rotated: the new key, endorsed by a signature of the previous one. */
export interface LogKeyRotated {
  readonly type: 'LogKeyRotated';
  readonly data: {
    readonly previousKeyId: string;
    readonly keyId: string;
    readonly publicKey: string;
    readonly keyStoreId: string;
    readonly rotatedAt: string;
    /** The previous key's Ed25519 signature over {@link rotationMessage}, base64. */
    readonly endorsement: string;
  };
}

/** Events of the `log-keys` stream. */
export type LogKeyEvent = LogKeyAdopted | LogKeyRotated;

/** The bytes the previous key signs to endorse its successor. */
export function rotationMessage(data: Omit<LogKeyRotated['data'], 'endorsement'>): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      format: 'pinnstatistik/log-key-rotation',
      version: 1,
      previousKeyId: data.previousKeyId,
      keyId: data.keyId,
      publicKey: data.publicKey,
      rotatedAt: data.rotatedAt,
    }),
  );
}

/** A rotation from `previous` to `next`, endorsed by `previous`. */
export function rotateTo(
  previous: SigningKey,
  next: SigningKey,
  keyStoreId: string,
  rotatedAt: string,
): LogKeyRotated {
  const body = {
    previousKeyId: previous.keyId,
    keyId: next.keyId,
    publicKey: toBase64(next.publicKey),
    keyStoreId,
    rotatedAt,
  };
  return {
    type: 'LogKeyRotated',
    data: { ...body, endorsement: toBase64(previous.sign(rotationMessage(body))) },
  };
}

/**
 * The keys an auditor can trust, by id: the pinned ones, and every key a trusted key endorsed by
 * a rotation, in the order the `log-keys` stream holds them. An adoption without endorsement is
 * trusted only if its key is pinned.
 */
export function trustedLogKeys(
  pinned: readonly Uint8Array[],
  events: readonly LogKeyEvent[],
): Map<string, Uint8Array> {
  const trusted = new Map<string, Uint8Array>();
  for (const key of pinned) trusted.set(logKeyIdOf(key), key);
  for (const event of events) {
    if (event.type !== 'LogKeyRotated') continue;
    const previous = trusted.get(event.data.previousKeyId);
    const next = fromBase64(event.data.publicKey);
    const endorsement = fromBase64(event.data.endorsement);
    if (previous === undefined || next === undefined || endorsement === undefined) continue;
    if (logKeyIdOf(next) !== event.data.keyId) continue;
    if (verifySignature(previous, rotationMessage(event.data), endorsement))
      trusted.set(event.data.keyId, next);
  }
  return trusted;
}

/** Every key the `log-keys` stream names, by id (trusted or not: for self-consistency only). */
export function declaredLogKeys(events: readonly LogKeyEvent[]): Map<string, Uint8Array> {
  const declared = new Map<string, Uint8Array>();
  for (const event of events) {
    const key = fromBase64(event.data.publicKey);
    if (key !== undefined && logKeyIdOf(key) === event.data.keyId) declared.set(event.data.keyId, key);
  }
  return declared;
}
