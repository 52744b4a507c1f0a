import type { PeriodState } from '../sealing/period-state.js';
import { isProvenSealOf, SEAL_PROOF_KEY_ID } from '../sealing/seal-proof.js';
import { IntegrityError } from './integrity-error.js';
import type { KeyRing } from './key-ring.js';
import type { LoadedStream } from './loaded-stream.js';

/** The proof subkey seals are proven with (the seal-proof key made at first use). */
export const sealProofKey = async (keyRing: KeyRing): Promise<Uint8Array> =>
  (await keyRing.create(SEAL_PROOF_KEY_ID)).proof;

/**
 * Throws {@link IntegrityError} unless a period's seal, as read back, is the one the operator
 * wrote over the tables before it: checked before anything is done because a month is sealed —
 * shredding it, destroying a key. Hash chains need no key, so anyone who can write to the store
 * can append a `PeriodSealed` (or tables under the seal's command ids); acted on, it made the
 * seal delete a month's detail and destroy its key with no tables kept (attack 26), a tally
 * destroy an open month's key, and a seal re-run on a sealed month delete other months' streams
 * (attack 27). A seal written before proofs existed fails too.
 */
/**
 * Whether a period is sealed by the operator, as read: a seal whose proof holds. A `PeriodSealed`
 * anyone else appended is not a seal — an open month behind one took amendments on top of its
 * detail, and opened its series in the clear index (attack 29).
 */
export const isProvenSealed = (loaded: LoadedStream<PeriodState>, proofKey: Uint8Array): boolean =>
  loaded.state.seal !== undefined &&
  isProvenSealOf(loaded.stream, loaded.state.seal, loaded.state.tables, proofKey);

export function requireProvenSeal(loaded: LoadedStream<PeriodState>, proofKey: Uint8Array): void {
  if (isProvenSealed(loaded, proofKey)) return;
  throw new IntegrityError({
    code: 'CHAIN_HASH_MISMATCH',
    stream: loaded.stream,
    revision: loaded.link?.revision ?? -1,
    position: '',
    message:
      'the period’s seal or its tables were not written by the operator (forged: no valid proof): nothing is shredded and no key destroyed',
  });
}
