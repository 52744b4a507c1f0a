/**
 * Why a runner did not restore a stored checkpoint (it folds from the start instead):
 * - `CHECKPOINT_UNTAGGED`: not tagged with the key store's checkpoint key — anyone who can write
 *   where checkpoints are kept may have written it (attack 29);
 * - `CHECKPOINT_OTHER_VERSION`: tagged, but made by another version of the projection (another
 *   release, other options that change the fold, another cipher list) or by a runner that bound
 *   no version — its state is not what this fold would hold (attack 33);
 * - `CHECKPOINT_OTHER_LOG`: its last event is not at its position in this store — another store
 *   (an import of this one, a restored copy), or the event deleted since; resuming there would
 *   skip or repeat events (attack 33).
 */
export type CheckpointRejectionCode =
  | 'CHECKPOINT_UNTAGGED'
  | 'CHECKPOINT_OTHER_VERSION'
  | 'CHECKPOINT_OTHER_LOG';

const REASONS: Readonly<Record<CheckpointRejectionCode, string>> = {
  CHECKPOINT_UNTAGGED: 'is not tagged with the checkpoint key',
  CHECKPOINT_OTHER_VERSION: 'was made by another version of the projection',
  CHECKPOINT_OTHER_LOG: 'does not end at an event of this store',
};

/** A stored checkpoint the runner did not restore, told to `onError`; the projection folds from the start. */
export class CheckpointRejected extends Error {
  override readonly name = 'CheckpointRejected';
  constructor(
    readonly code: CheckpointRejectionCode,
    /** The projection's name (its checkpoint's key). */
    readonly projection: string,
    /** What was found instead (the version the checkpoint names), when there is something to say. */
    readonly found?: string,
  ) {
    super(
      `the checkpoint of ${projection} ${REASONS[code]}${found === undefined ? '' : ` (${found})`}: folding from the start`,
    );
  }
}
