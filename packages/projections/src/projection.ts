import type { JsonValue, RecordedEvent } from '@pinnstatistik/core';

/**
 * A projection: a fold of the log into a state. `apply` may mutate the state it is given
 * (compact mutable accumulators, not an immutable document per event) and returns it.
 */
export interface Projection<State> {
  /** A stable name: the checkpoint's key. */
  readonly name: string;
  /**
   * What makes the state: the fold's version and every option that changes what it folds or how
   * its snapshot reads (a checkpoint runner restores only a checkpoint made under the same version,
   * else folds from the start — attack 33). Change it with the fold or the snapshot's shape.
   */
  readonly version: string;
  initial(): State;
  apply(state: State, event: RecordedEvent): State | Promise<State>;
  /**
   * The state as JSON, saved with the checkpoint so a resumed projection never counts twice.
   * It must hold nothing in clear that the log itself keeps private (open detail is sealed
   * under its period key, as the statistics projection does).
   */
  snapshot(state: State): JsonValue | Promise<JsonValue>;
  restore(snapshot: JsonValue): State | Promise<State>;
  /**
   * Optional: a page of events the projection will be given next, handed over before the page
   * before it is applied — to start work on it meanwhile (the statistics projection's
   * `parallelOpening` decrypts it on a second thread). `replay` calls it; it changes no state.
   */
  prefetch?(page: readonly RecordedEvent[]): void | Promise<void>;
  /** Optional: releases what `prefetch` holds (a worker, its keys). `replay` calls it when it ends. */
  close?(): Promise<void>;
}
