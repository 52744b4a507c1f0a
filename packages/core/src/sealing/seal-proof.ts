import { timingSafeEqual } from 'node:crypto';
import { hmacSha256Hex } from '../crypto/hmac.js';
import { sha256Public } from '../crypto/sha256.js';
import { canonicalJson } from '../envelope/canonical-json.js';
import type { JsonValue } from '../json.js';
import { periodKeyId, periodStream } from '../streams.js';
import type { PeriodSealed, SealedSheet } from './period-events.js';

/**
 * The key-store slot of the key seals are proven with: made at the first seal, never destroyed,
 * held by every process of the operator's (it has the key store) and by no one who can only
 * write to the event store. Not a month's key: a seal must stay provable after its month's key
 * is destroyed (a forged seal re-run on a sealed month, or on a month that never had a key, named
 * other months' streams for deletion — attack 27) and whatever key a racing writer made again.
 */
export const SEAL_PROOF_KEY_ID = 'seal-proof';

/** Whether a value read back is an HMAC-SHA-256 as this library writes it: 64 lower-case hex digits. */
export const isHmacHex = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

/** The digest a seal keeps of its tables: SHA-256 (hex) of their canonical JSON, in order. */
export const tablesDigest = (sheets: readonly SealedSheet[]): string =>
  Buffer.from(sha256Public(canonicalJson(sheets as unknown as JsonValue))).toString('hex');

type Unproven = Omit<PeriodSealed['data'], 'proof'>;

/** The proof of a seal's fields under the seal-proof key's proof subkey (see `PeriodSealed`). */
export const sealProof = (proofKey: Uint8Array, seal: Unproven): string =>
  hmacSha256Hex(proofKey, canonicalJson(seal as unknown as JsonValue));

/**
 * Whether a seal as read back is the one the operator wrote over these tables: its proof holds
 * under the seal-proof key and its tables' digest is the tables' (a seal or tables written by
 * someone without the key fail one or the other).
 */
export function isProvenSeal(
  proofKey: Uint8Array,
  seal: PeriodSealed['data'],
  tables: readonly SealedSheet[],
): boolean {
  const { proof, ...fields } = seal;
  // Read back, a proof is whatever was stored: anything but 64 hex digits is no proof (a number
  // made `Buffer.from` throw, and every replay of the statistics with it — attack 29).
  if (!isHmacHex(proof) || fields.tables !== tablesDigest(tables)) return false;
  const expected = Buffer.from(sealProof(proofKey, fields), 'latin1');
  const given = Buffer.from(proof, 'latin1');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Whether a seal read from `stream` is that stream's month's seal over `tables`, as the operator
 * wrote it: it names the stream's own period and key, and its proof holds over the tables. A genuine
 * seal of another month copied here with its tables is proven too (one seal-proof key), but
 * names another period.
 */
export const isProvenSealOf = (
  stream: string,
  seal: PeriodSealed['data'],
  tables: readonly SealedSheet[],
  proofKey: Uint8Array,
): boolean => namesItsStream(stream, seal) && isProvenSeal(proofKey, seal, tables);

/**
 * The check a reader without the seal-proof key can make: the seal names its stream's month and
 * the tables before it hash to its digest. Anyone who can write to the store can append tables
 * and a seal that pass it — it tells a seal from its own tables cut or edited, not from a forgery.
 */
export const isSealOverTables = (
  stream: string,
  seal: PeriodSealed['data'],
  tables: readonly SealedSheet[],
): boolean => namesItsStream(stream, seal) && seal.tables === tablesDigest(tables);

const namesItsStream = (stream: string, seal: PeriodSealed['data']): boolean =>
  periodStream(seal.period) === stream && seal.keyId === periodKeyId(seal.period);
