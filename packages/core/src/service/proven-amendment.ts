import { amendmentProof } from '../sealing/amendment-proof.js';
import type { SheetAmended } from '../sealing/period-events.js';
import type { LoadedStream } from './loaded-stream.js';

/**
 * An amendment with its proof, for the revision it is decided at (the next of the period stream
 * as loaded — a retry decides again, with the stream as it then stands).
 */
export function provenAmendment(
  amendment: SheetAmended,
  loaded: LoadedStream<unknown>,
  proofKey: Uint8Array,
): SheetAmended {
  const revision = loaded.link === undefined ? 0 : loaded.link.revision + 1;
  const { proof: _unproven, ...fields } = amendment.data;
  return {
    type: 'SheetAmended',
    data: { ...fields, proof: amendmentProof(proofKey, { stream: loaded.stream, revision }, fields) },
  };
}
