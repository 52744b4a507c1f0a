import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type Checkpoint,
  type CheckpointStore,
  canonicalJson,
  deriveSubkeys,
  type JsonValue,
  type KeyStore,
} from '@pinnstatistik/core';

/** The key-store slot checkpoints are authenticated under (made at the first save, never destroyed). */
export const CHECKPOINT_KEY_ID = 'checkpoints';

/** What an authenticated checkpoint keeps as its state: the projection's state and its tag. */
interface Tagged {
  readonly tag: string;
  readonly hasState: boolean;
  readonly state: JsonValue;
}

/** How {@link authenticatedCheckpoints} reports a checkpoint it will not use. */
export interface AuthenticatedCheckpointsOptions {
  /** Told of a stored checkpoint whose tag does not hold (not written with the key): the projection starts over. */
  readonly onRejected?: (projection: string) => void;
}

const isTagged = (value: unknown): value is Tagged =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Tagged).tag === 'string' &&
  typeof (value as Tagged).hasState === 'boolean' &&
  'state' in value;

/**
 * Checkpoints that hold only if written with the key store's checkpoint key: each is tagged with
 * an HMAC-SHA-256 of the projection's name, the position and the state (canonical JSON), so one a
 * writer without the key put where the checkpoints are kept — the event store's
 * `checkpoint-{name}` stream is plain events, a table anyone with SQL can write to — or a state
 * moved to another position, is not restored: the projection starts from the beginning instead
 * (attack 29: a forged pointer made a runner publish 400 contacts for a month of one). A genuine
 * checkpoint copied back whole is a state and position that belong together; which fold made it,
 * and over which store, the runner binds inside the state it tags (`runner-checkpoint.ts`: the
 * projection's version and the last event folded — attack 33).
 */
export function authenticatedCheckpoints(
  inner: CheckpointStore,
  keys: KeyStore,
  options: AuthenticatedCheckpointsOptions = {},
): CheckpointStore {
  const tagOf = (
    key: Uint8Array,
    projection: string,
    position: string,
    hasState: boolean,
    state: JsonValue,
  ) => {
    const subkeys = deriveSubkeys(key);
    subkeys.encryption.fill(0);
    subkeys.naming.fill(0);
    try {
      return createHmac('sha256', subkeys.proof)
        .update(canonicalJson({ projection, position, hasState, state }))
        .digest('hex');
    } finally {
      subkeys.proof.fill(0);
    }
  };
  return {
    async load(projection) {
      const stored = await inner.load(projection);
      if (stored === undefined) return undefined;
      const key = await keys.get(CHECKPOINT_KEY_ID);
      const tagged = stored.state;
      const holds =
        key !== undefined &&
        typeof stored.position === 'string' &&
        isTagged(tagged) &&
        tagged.tag.length === 64 &&
        timingSafeEqual(
          Buffer.from(tagged.tag, 'latin1'),
          Buffer.from(tagOf(key, projection, stored.position, tagged.hasState, tagged.state), 'latin1'),
        );
      if (!holds || !isTagged(tagged)) {
        options.onRejected?.(projection);
        return undefined;
      }
      return tagged.hasState
        ? { position: stored.position, state: tagged.state }
        : { position: stored.position };
    },
    async save(projection, checkpoint: Checkpoint) {
      const key = await keys.create(CHECKPOINT_KEY_ID);
      const hasState = checkpoint.state !== undefined;
      const state = checkpoint.state ?? null;
      const tag = tagOf(key, projection, checkpoint.position, hasState, state);
      await inner.save(projection, { position: checkpoint.position, state: { tag, hasState, state } });
    },
    reset: (projection) => inner.reset(projection),
  };
}
