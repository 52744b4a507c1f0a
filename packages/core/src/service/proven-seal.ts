import type { PeriodState } from '../sealing/period-state.js';
import { isProvenSeal } from '../sealing/seal-proof.js';
import { IntegrityError } from './integrity-error.js';
import type { LoadedStream } from './loaded-stream.js';

/**
 * Throws {@link IntegrityError} unless a period's seal, as read back, is the one the period key's
 * holder wrote over the tables before it: run while the key exists, before anything is shredded.
 * Hash chains need no key, so anyone who can write to the store can append a `PeriodSealed` (or
 * tables under the seal's command ids); acted on, it made the seal delete the month's detail and
 * destroy its key with no tables kept (attack 26). A seal written before proofs existed fails too.
 */
export function requireProvenSeal(loaded: LoadedStream<PeriodState>, proofKey: Uint8Array): void {
  const { seal, tables } = loaded.state;
  if (seal !== undefined && isProvenSeal(proofKey, seal, tables)) return;
  throw new IntegrityError({
    code: 'CHAIN_HASH_MISMATCH',
    stream: loaded.stream,
    revision: loaded.link?.revision ?? -1,
    position: '',
    message:
      'the period’s seal or its tables were not written by the holder of the period key (forged): nothing is shredded and the key is kept',
  });
}
