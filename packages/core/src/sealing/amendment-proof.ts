import { timingSafeEqual } from 'node:crypto';
import { hmacSha256Hex } from '../crypto/hmac.js';
import { canonicalJson } from '../envelope/canonical-json.js';
import type { JsonValue } from '../json.js';
import { periodStream } from '../streams.js';
import type { SheetAmended } from './period-events.js';
import { isHmacHex } from './seal-proof.js';

/** Where an amendment is written: its period's stream and its revision there. */
export interface AmendmentPlace {
  readonly stream: string;
  readonly revision: number;
}

type Unproven = Omit<SheetAmended['data'], 'proof'>;

/**
 * The proof of an amendment under the seal-proof key's proof subkey: of its fields and of the
 * place it is written at, so a genuine amendment copied elsewhere — another revision of its
 * stream (counted twice) or another month's stream — fails its proof like a forged one.
 */
export const amendmentProof = (proofKey: Uint8Array, place: AmendmentPlace, amendment: Unproven): string =>
  hmacSha256Hex(
    proofKey,
    canonicalJson({ stream: place.stream, revision: place.revision, amendment } as unknown as JsonValue),
  );

/** Whether an amendment as read back at `place` is one the operator wrote there. */
export function isProvenAmendment(
  proofKey: Uint8Array,
  place: AmendmentPlace,
  amendment: SheetAmended['data'],
): boolean {
  const { proof, ...fields } = amendment;
  if (!isHmacHex(proof) || periodStream(fields.period) !== place.stream) return false;
  const expected = Buffer.from(amendmentProof(proofKey, place, fields), 'latin1');
  const given = Buffer.from(proof, 'latin1');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
