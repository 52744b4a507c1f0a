import type { StreamDeletion } from '@pinnstatistik/core';
import { growableInts } from './growable.js';
import type { StoreState } from './store-state.js';

/**
 * Deletes streams physically: their events' bytes in the log are overwritten with zeros at
 * once, their ids' too; only the names are kept, marked deleted, so nothing can revive them.
 * Positions are never reused: reads skip the deleted streams' log indices.
 */
export function deleteStreams(state: StoreState, names: readonly string[]): StreamDeletion {
  let removed = 0;
  for (const stream of names) {
    const entry = state.streams.get(stream);
    if (entry === undefined || entry.deleted) continue;
    for (let revision = 0; revision < entry.indices.length; revision += 1) {
      const index = entry.indices.at(revision);
      state.log.wipe(index);
      state.idColumn.wipe(index);
    }
    removed += entry.indices.length;
    entry.deleted = true;
    entry.indices = growableInts(1);
    state.deletedOrdinals.add(entry.ordinal);
  }
  return { removed, extent: 'physical' };
}
