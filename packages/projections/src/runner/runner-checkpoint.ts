import type { JsonValue, RecordedEvent } from '@pinnstatistik/core';
import type { CheckpointRejectionCode } from './checkpoint-rejected.js';

/** The last event a checkpoint's state folded: its place in the store, to find it there again. */
export interface CheckpointAnchor {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
}

/**
 * What a runner keeps as a checkpoint's state (tagged whole with the checkpoint key): the
 * projection's own snapshot, the version of the projection that made it, and the last event it
 * folded — so a state is restored only by the fold that made it, over the log it was made from.
 */
interface RunnerCheckpointState {
  readonly version: string;
  readonly last: CheckpointAnchor;
  readonly state: JsonValue;
}

/** The anchor of an event the runner applied. */
export const anchorOf = (event: RecordedEvent): CheckpointAnchor => ({
  stream: event.stream,
  revision: event.revision,
  id: event.id,
});

/** The state a runner saves for a projection's snapshot. */
export const runnerCheckpointState = (version: string, last: CheckpointAnchor, state: JsonValue): JsonValue =>
  ({ version, last, state }) as unknown as JsonValue;

const isAnchor = (value: unknown): value is CheckpointAnchor =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as CheckpointAnchor).stream === 'string' &&
  Number.isSafeInteger((value as CheckpointAnchor).revision) &&
  (value as CheckpointAnchor).revision >= 0 &&
  typeof (value as CheckpointAnchor).id === 'string';

/**
 * A stored checkpoint's state read back for a projection of `version`: the projection's snapshot
 * and its anchor, or why it is of no use (made by another version, or by a runner that bound none).
 */
export function openRunnerCheckpoint(
  version: string,
  saved: JsonValue | undefined,
):
  | { readonly usable: true; readonly state: JsonValue; readonly last: CheckpointAnchor }
  | { readonly usable: false; readonly code: CheckpointRejectionCode; readonly found?: string } {
  const candidate = saved as Partial<RunnerCheckpointState> | null | undefined;
  const shaped =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.version === 'string' &&
    isAnchor(candidate.last) &&
    'state' in candidate;
  if (!shaped) return { usable: false, code: 'CHECKPOINT_OTHER_VERSION', found: 'no version' };
  if (candidate.version !== version)
    return {
      usable: false,
      code: 'CHECKPOINT_OTHER_VERSION',
      found: `version ${JSON.stringify(candidate.version)}`,
    };
  return { usable: true, state: candidate.state as JsonValue, last: candidate.last as CheckpointAnchor };
}
