import { type ChainLink, checkLink } from '../envelope/chain-verifier.js';
import { readHeader } from '../envelope/envelope-header.js';
import type { EventStore } from '../ports/event-store.js';
import { IntegrityError } from '../service/integrity-error.js';
import { checkpointedSizes, type DeletionProofs, deletionProofs } from './deletion-proofs.js';
import type { LogCheckpoint } from './log-checkpoint.js';
import { LOG_CHECKPOINT_STREAM } from './log-checkpoint.js';
import { checkpointOf } from './log-writer.js';

async function* checkpointsNewestFirst(store: EventStore): AsyncGenerator<LogCheckpoint> {
  for await (const event of store.readStream(LOG_CHECKPOINT_STREAM, { direction: 'backwards' })) {
    const checkpoint = checkpointOf(event);
    if (checkpoint !== undefined) yield checkpoint;
  }
}

/**
 * What a seal or a closing must keep of streams it is about to delete, for the log tree: each
 * stream's final root and consistency proofs from every size a signed checkpoint committed to.
 * Reads each stream once and the checkpoints back to the first that holds none of them.
 * Call it after the streams' last append (the sheets and registry closed, the series closing
 * recorded) and put the result in `DeletedStream`/`SeriesClosed` beside `size` and `head`.
 */
export async function accountForDeletion(
  store: EventStore,
  streams: readonly string[],
): Promise<Map<string, DeletionProofs>> {
  const wanted = new Set(streams);
  const newestFirst: LogCheckpoint[] = [];
  for await (const checkpoint of checkpointsNewestFirst(store)) {
    newestFirst.push(checkpoint);
    if (!checkpoint.leaves.some((leaf) => wanted.has(leaf.stream))) break;
  }
  const sizes = checkpointedSizes(newestFirst, wanted);
  const proofs = new Map<string, DeletionProofs>();
  for (const stream of wanted) {
    const hashes: Uint8Array[] = [];
    let link: ChainLink | undefined;
    // Chained as read, under the stream's own name: proofs of what a store handed back for it
    // from elsewhere (another stream's chain, a cut or reordered one) would account for nothing.
    for await (const event of store.readStream(stream)) {
      const finding = checkLink(event, link, stream);
      if (finding !== undefined) throw new IntegrityError(finding);
      const hash = (readHeader(event.metadata) as { hash: Uint8Array }).hash;
      hashes.push(Uint8Array.from(hash));
      link = { revision: event.revision, hash: hashes.at(-1) as Uint8Array };
    }
    proofs.set(stream, deletionProofs(hashes, sizes.get(stream) ?? []));
  }
  return proofs;
}
