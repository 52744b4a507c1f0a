import type { Checkpoint, CheckpointStore } from '@pinnstatistik/core';

/** Checkpoints in memory: for tests and for projections rebuilt at every start. */
export function createMemoryCheckpointStore(): CheckpointStore {
  const saved = new Map<string, string>();
  return {
    async load(projection) {
      const json = saved.get(projection);
      return json === undefined ? undefined : (JSON.parse(json) as Checkpoint);
    },
    async save(projection, checkpoint) {
      // Kept as JSON, so a checkpoint is a copy and not a live reference to the state.
      saved.set(projection, JSON.stringify(checkpoint));
    },
    async reset(projection) {
      saved.delete(projection);
    },
  };
}
