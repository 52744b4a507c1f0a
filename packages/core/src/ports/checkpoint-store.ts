import type { JsonValue } from '../json.js';

/** How far a projection has read, and (optionally) its state as of that position. */
export interface Checkpoint {
  /** The global position of the last event applied. */
  readonly position: string;
  /**
   * The projection's state at that position, saved in the same write so a resumed
   * projection never counts an event twice (absent for projections whose state lives elsewhere).
   */
  readonly state?: JsonValue;
}

/** Where a projection remembers how far it has read. */
export interface CheckpointStore {
  /** The stored checkpoint, or `undefined` when the projection has never run (start from the beginning). */
  load(projection: string): Promise<Checkpoint | undefined>;
  /** Stores the checkpoint (position and state together, atomically); a later save replaces an earlier one. */
  save(projection: string, checkpoint: Checkpoint): Promise<void>;
  /** Forgets the checkpoint, so the projection rebuilds from zero. */
  reset(projection: string): Promise<void>;
}
