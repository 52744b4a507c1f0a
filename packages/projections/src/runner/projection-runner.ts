import type { CheckpointStore, EventStore, KeyStore, RecordedEvent, Subscription } from '@pinnstatistik/core';
import { jitteredBackoff } from '@pinnstatistik/core';
import type { Projection } from '../projection.js';
import { authenticatedCheckpoints } from './authenticated-checkpoints.js';
import { anchorHolds } from './checkpoint-anchor.js';
import { CheckpointRejected } from './checkpoint-rejected.js';
import {
  anchorOf,
  type CheckpointAnchor,
  openRunnerCheckpoint,
  runnerCheckpointState,
} from './runner-checkpoint.js';

/** How a projection runner is wired. */
export interface ProjectionRunnerOptions<State> {
  readonly store: EventStore;
  readonly projection: Projection<State>;
  readonly checkpoints: CheckpointStore;
  /**
   * The key store whose checkpoint key tags each checkpoint saved, and without whose tag none is
   * restored (`authenticatedCheckpoints`) — wherever checkpoints are kept, whoever can write there
   * could otherwise hand the runner any state. `'unauthenticated'` only for checkpoints no one
   * else can write (in this process's memory).
   */
  readonly checkpointKeys: KeyStore | 'unauthenticated';
  /** Save the checkpoint (position and state) every this many events, and whenever caught up (default 1000). */
  readonly checkpointEvery?: number;
  /**
   * Told of every error (a lost subscription, a failed checkpoint save); the runner recovers by
   * itself. A stored checkpoint it does not restore is told as a {@link CheckpointRejected} (its
   * `code` says why) before it folds from the start.
   */
  readonly onError?: (error: unknown) => void;
  /** The longest wait between recovery attempts, in milliseconds (default 30 000; the first waits are short). */
  readonly maxRetryDelayMs?: number;
}

/** A running projection. */
export interface ProjectionRunner<State> {
  /** Resumes from the stored checkpoint (or the start) and keeps up with the log until stopped; after a failure, restarts it. */
  start(): Promise<void>;
  /** Resolves once every event stored when it was called has been applied and checkpointed. */
  whenCaughtUp(): Promise<void>;
  /** Stops after the event being applied, saving the checkpoint. */
  stop(): Promise<void>;
  /** Forgets the checkpoint and the state and folds the whole log again. */
  rebuild(): Promise<void>;
  /** The projection's current state. */
  readonly state: State;
  /** The position of the last event applied. */
  readonly position: string | undefined;
  /** The last error met (the runner keeps recovering from it; `undefined` once it has). */
  readonly error: unknown;
}

/**
 * Runs a projection over any store's subscription: catch-up, then live; at-least-once
 * delivery with an idempotent apply (a repeated position is skipped); checkpoints that carry
 * the state, so a runner resumed after a crash never counts an event twice. Faults heal by
 * themselves: a lost subscription or a failed apply restores the last checkpoint and
 * subscribes again from it, with jittered backoff; a failed checkpoint save is retried.
 */
export function createProjectionRunner<State>(
  options: ProjectionRunnerOptions<State>,
): ProjectionRunner<State> {
  const { store, projection } = options;
  const checkpoints =
    options.checkpointKeys === 'unauthenticated'
      ? options.checkpoints
      : authenticatedCheckpoints(options.checkpoints, options.checkpointKeys, {
          onRejected: (name) => options.onError?.(new CheckpointRejected('CHECKPOINT_UNTAGGED', name)),
        });
  const every = options.checkpointEvery ?? 1000;
  const backoff = jitteredBackoff(50, options.maxRetryDelayMs ?? 30_000);
  let state = projection.initial();
  let position: string | undefined;
  // The last event applied (not a checkpoint's own): a checkpoint's position is its position.
  let last: { readonly anchor: CheckpointAnchor; readonly position: string } | undefined;
  let sinceCheckpoint = 0;
  let subscription: Subscription | undefined;
  let running = false;
  let failure: unknown;
  let attempts = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let waiters: (() => void)[] = [];

  const wakeWaiters = (): void => {
    const ready = waiters;
    waiters = [];
    for (const wake of ready) wake();
  };

  const report = (error: unknown): void => {
    failure = error;
    try {
      options.onError?.(error);
    } catch {
      // A failing error handler must not take the runner down with it.
    }
    wakeWaiters();
  };

  const saveCheckpoint = async (): Promise<void> => {
    if (last === undefined || sinceCheckpoint === 0) return;
    const at = last;
    const snapshot = await projection.snapshot(state);
    const saving = {
      position: at.position,
      state: runnerCheckpointState(projection.version, at.anchor, snapshot),
    };
    await checkpoints.save(projection.name, saving);
    sinceCheckpoint = 0;
  };
  // One save at a time: two at once (caught up, and `whenCaughtUp` waiting) each took the same
  // next checkpoint stream in the event store, and the second deleted it as the one it replaced
  // — the checkpoint lost (found by attack 29's helper).
  let saved: Promise<void> = Promise.resolve();
  const checkpoint = (): Promise<void> => {
    const next = saved.then(saveCheckpoint, saveCheckpoint);
    saved = next.catch(() => undefined);
    return next;
  };

  const onEvent = async (event: RecordedEvent): Promise<void> => {
    if (event.position === position) return; // delivered again: already applied
    if (event.stream.startsWith('checkpoint-')) {
      // Checkpoints stored in the log itself are passed over, or saving one would trigger the next.
      position = event.position;
      return;
    }
    state = await projection.apply(state, event);
    position = event.position;
    last = { anchor: anchorOf(event), position: event.position };
    sinceCheckpoint += 1;
    if (sinceCheckpoint >= every) await checkpoint();
  };

  /**
   * The stored checkpoint's state and position, if this projection's version made it over this
   * store's log; else the reason it is of no use is told and the fold starts over (attack 33).
   */
  const usableCheckpoint = async () => {
    const saved = await checkpoints.load(projection.name);
    if (saved === undefined) return undefined;
    const opened = openRunnerCheckpoint(projection.version, saved.state);
    const rejected = (code: CheckpointRejected['code'], found?: string) => {
      // Told as the untagged case is: folding from the start is the recovery, not a failure.
      try {
        options.onError?.(new CheckpointRejected(code, projection.name, found));
      } catch {
        // A failing error handler must not take the runner down with it.
      }
      return undefined;
    };
    if (!opened.usable) return rejected(opened.code, opened.found);
    if (!(await anchorHolds(store, saved.position, opened.last))) return rejected('CHECKPOINT_OTHER_LOG');
    return { state: opened.state, position: saved.position, anchor: opened.last };
  };

  const resume = async (): Promise<void> => {
    const saved = await usableCheckpoint();
    if (saved !== undefined) {
      state = await projection.restore(saved.state);
      position = saved.position;
      last = { anchor: saved.anchor, position: saved.position };
    } else {
      state = projection.initial();
      position = undefined;
      last = undefined;
    }
    sinceCheckpoint = 0;
  };

  /** Recovers from a fault: back to the last checkpoint (a half-applied event never counts), then subscribe again. */
  const recover = (error: unknown): void => {
    report(error);
    const lost = subscription;
    subscription = undefined;
    void lost?.close().catch(() => undefined);
    if (!running) return;
    attempts += 1;
    retry = setTimeout(() => {
      retry = undefined;
      if (running) void connect().catch(recover);
    }, backoff.delay(attempts));
  };

  const connect = async (): Promise<void> => {
    await resume();
    const current = store.subscribe(position === undefined ? {} : { after: position }, {
      onEvent,
      onCaughtUp: () => {
        checkpoint().then(
          () => {
            attempts = 0;
            failure = undefined;
            wakeWaiters();
          },
          (error: unknown) => {
            // The state stays in memory; the next catch-up or event saves it again.
            report(error);
          },
        );
      },
      onError: (error) => {
        if (subscription === current) recover(error);
      },
    });
    subscription = current;
    await current.caughtUp;
  };

  const start = async (): Promise<void> => {
    if (running && subscription !== undefined) return;
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    running = true;
    failure = undefined;
    attempts = 0;
    await connect();
  };

  const pendingAfter = async (): Promise<boolean> => {
    for await (const _ of store.readAll({ ...(position === undefined ? {} : { after: position }), limit: 1 }))
      return true;
    return false;
  };

  const stop = async (): Promise<void> => {
    running = false;
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    const current = subscription;
    subscription = undefined;
    await current?.close();
    await checkpoint();
  };

  return {
    start,
    async whenCaughtUp() {
      if (!running) throw new Error('the runner is not started');
      for (;;) {
        const signal = new Promise<void>((resolve) => waiters.push(resolve));
        if (subscription !== undefined && !(await pendingAfter())) {
          await checkpoint();
          return;
        }
        await signal;
      }
    },
    stop,
    async rebuild() {
      await stop();
      await checkpoints.reset(projection.name);
      state = projection.initial();
      position = undefined;
      last = undefined;
      sinceCheckpoint = 0;
      await start();
    },
    get state() {
      return state;
    },
    get position() {
      return position;
    },
    get error() {
      return failure;
    },
  };
}
