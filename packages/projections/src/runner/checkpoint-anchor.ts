import type { EventStore } from '@pinnstatistik/core';
import type { CheckpointAnchor } from './runner-checkpoint.js';

/**
 * Whether a checkpoint's last event is in this store at the checkpoint's position. Positions mean
 * something only in the store that issued them: a checkpoint of another store (an import of it
 * keeps the events but not their positions) resumed there skips, or repeats, whatever lies
 * between (attack 33: a month's new tallies never counted). An anchor whose stream was deleted
 * since (a sealed month's detail) cannot be found, and does not hold either.
 */
export async function anchorHolds(
  store: EventStore,
  position: string,
  anchor: CheckpointAnchor,
): Promise<boolean> {
  for await (const event of store.readStream(anchor.stream, { fromRevision: anchor.revision, limit: 1 }))
    return event.revision === anchor.revision && event.id === anchor.id && event.position === position;
  return false;
}
