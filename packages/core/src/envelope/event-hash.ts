import { createHash } from 'node:crypto';

/** The `prev` of a stream's first event: 32 zero bytes. */
export const GENESIS_HASH: Uint8Array = new Uint8Array(32);

const DOMAIN = Buffer.from('pinnstatistik/event/2\u0000', 'latin1');

/** What goes into an event's chain hash, besides the previous hash. */
export interface HashedEvent {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly codecId: number;
  readonly payload: Uint8Array;
}

const lengthPrefixed = (text: string): Buffer => {
  const bytes = Buffer.from(text, 'utf8');
  const prefix = Buffer.allocUnsafe(2);
  prefix.writeUInt16BE(bytes.length);
  return Buffer.concat([prefix, bytes]);
};

/**
 * The chain hash of an event: SHA-256 over a domain tag, the previous event's hash, the
 * stream name, revision, id and type (length-prefixed), the codec byte and the payload bytes
 * exactly as stored. Everything a verifier needs is in clear, so chains verify without keys.
 */
export function hashEvent(prev: Uint8Array, event: HashedEvent): Uint8Array {
  const fixed = Buffer.allocUnsafe(5);
  fixed.writeUInt32BE(event.revision >>> 0, 0);
  fixed[4] = event.codecId;
  const digest = createHash('sha256')
    .update(DOMAIN)
    .update(prev)
    .update(lengthPrefixed(event.stream))
    .update(fixed.subarray(0, 4))
    .update(lengthPrefixed(event.id))
    .update(lengthPrefixed(event.type))
    .update(fixed.subarray(4, 5))
    .update(event.payload)
    .digest();
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}

/** Whether two hashes are equal. */
export function sameHash(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

/** A hash as lowercase hex, for people and JSON. */
export function hashHex(hash: Uint8Array): string {
  return Buffer.from(hash.buffer, hash.byteOffset, hash.byteLength).toString('hex');
}

/** A hash from hex; `undefined` unless exactly 64 hex digits. */
export function hashFromHex(hex: string): Uint8Array | undefined {
  if (!/^[0-9a-f]{64}$/.test(hex)) return undefined;
  return new Uint8Array(Buffer.from(hex, 'hex'));
}
