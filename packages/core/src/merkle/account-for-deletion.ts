import { readHeader } from '../envelope/envelope-header.js';
import type { EventStore } from '../ports/event-store.js';
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
    for await (const event of store.readStream(stream)) {
      const header = readHeader(event.metadata);
      if (header === undefined)
        throw new Error(`event ${event.revision} of ${stream} has no envelope header`);
      hashes.push(Uint8Array.from(header.hash));
    }
    proofs.set(stream, deletionProofs(hashes, sizes.get(stream) ?? []));
  }
  return proofs;
}
