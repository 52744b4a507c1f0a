/** Where a projection remembers how far it has read: the global position of the last event it applied. */
export interface CheckpointStore {
  /** The stored position, or `undefined` when the projection has never run (start from the beginning). */
  load(projection: string): Promise<string | undefined>;
  /** Stores the position; a later save replaces an earlier one. */
  save(projection: string, position: string): Promise<void>;
  /** Forgets the checkpoint, so the projection rebuilds from zero. */
  reset(projection: string): Promise<void>;
}
