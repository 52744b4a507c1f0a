import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson, deriveSubkeys, type JsonValue, type KeyStore } from '@pinnstatistik/core';
import { RELEASES_STREAM } from './report-release.js';

/**
 * The key-store slot releases are proven with: made at the first release recorded, never
 * destroyed, held by the operator's processes (they have the key store) and by no one who can
 * only write to the event store. The `releases` stream is plain and hash-chained, and a hash chain
 * needs no key: without a proof, a `ReportPublished` anyone appended was one of the operator's
 * releases — "nothing hidden" copies of a suppressed release made every count it hid known to the
 * joint intruder, which then protected none of them (attack 32).
 */
export const RELEASE_PROOF_KEY_ID = 'release-proof';

/** The release key's proof subkey (the other subkeys zeroed at once); zero it when done. */
export function releaseProofSubkey(material: Uint8Array): Uint8Array {
  const { encryption, naming, proof } = deriveSubkeys(material);
  encryption.fill(0);
  naming.fill(0);
  return proof;
}

/**
 * The proof of a release's data: HMAC-SHA-256 (hex) of its canonical JSON, bound to the stream, to
 * the store it is recorded in (`origin`, see `releaseOrigin`: a genuine release of another store
 * under the same key store is no release of this one, attack 36) and to its number among the
 * operator's releases (`sequence`, anchored in the key store: a release deleted shows, attack 37).
 * Releases recorded before anchors carry no sequence; their proof covers the rest as before.
 */
export const releaseProof = (
  proofKey: Uint8Array,
  origin: string | null,
  release: JsonValue,
  sequence?: number,
): string =>
  createHmac('sha256', proofKey)
    .update(
      canonicalJson(
        sequence === undefined
          ? { stream: RELEASES_STREAM, origin, release }
          : { stream: RELEASES_STREAM, origin, sequence, release },
      ),
    )
    .digest('hex');

/** A `ReportPublished` event's data split into the release, the proof it carries and its sequence (none before anchors). */
export function splitProof(data: unknown): {
  readonly release: JsonValue;
  readonly proof: unknown;
  readonly sequence: unknown;
} {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { release: null, proof: undefined, sequence: undefined };
  const { proof, sequence, ...release } = data as Record<string, JsonValue>;
  return { release, proof, sequence };
}

/**
 * Whether a release as read back is one the operator recorded in this store (`origin`): its proof
 * holds under the release key. Anything else — no proof, a proof that is not 64 hex digits, a proof of other data
 * or of another sequence — is not the operator's.
 */
export function isProvenRelease(
  proofKey: Uint8Array,
  origin: string | null,
  release: JsonValue,
  proof: unknown,
  sequence?: unknown,
): boolean {
  if (typeof proof !== 'string' || !/^[0-9a-f]{64}$/.test(proof)) return false;
  if (sequence !== undefined && !(Number.isSafeInteger(sequence) && (sequence as number) >= 0)) return false;
  const expected = Buffer.from(
    releaseProof(proofKey, origin, release, sequence as number | undefined),
    'latin1',
  );
  const given = Buffer.from(proof, 'latin1');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The proof subkey for reading: `undefined` when the key store holds no release key (nothing was recorded with one). */
export async function readReleaseProofKey(keys: KeyStore): Promise<Uint8Array | undefined> {
  const material = await keys.get(RELEASE_PROOF_KEY_ID);
  return material === undefined ? undefined : releaseProofSubkey(material);
}

/** The proof subkey for recording: the release key is made on the first release. */
export async function createReleaseProofKey(keys: KeyStore): Promise<Uint8Array> {
  return releaseProofSubkey(await keys.create(RELEASE_PROOF_KEY_ID));
}
