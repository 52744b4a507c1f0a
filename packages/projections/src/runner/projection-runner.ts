import type { CheckpointStore, EventStore, RecordedEvent, Subscription } from '@pinnstatistik/core';
import type { Projection } from '../projection.js';

/** How a projection runner is wired. */
export interface ProjectionRunnerOptions<State> {
  readonly store: EventStore;
  readonly projection: Projection<State>;
  readonly checkpoints: CheckpointStore;
  /** Save the checkpoint (position and state) every this many events, and whenever caught up (default 1000). */
  readonly checkpointEvery?: number;
}

/** A running projection. */
export interface ProjectionRunner<State> {
  /** Resumes from the stored checkpoint (or the start) and keeps up with the log until stopped. */
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
  /** The last error that stopped the runner, if any. */
  readonly error: unknown;
}

/**
 * Runs a projection over any store's subscription: catch-up, then live; at-least-once
 * delivery with an idempotent apply (a repeated position is skipped); checkpoints that carry
 * the state, so a runner resumed after a crash never counts an event twice.
 */
export function createProjectionRunner<State>(
  options: ProjectionRunnerOptions<State>,
): ProjectionRunner<State> {
  const { store, projection, checkpoints } = options;
  const every = options.checkpointEvery ?? 1000;
  let state = projection.initial();
  let position: string | undefined;
  let sinceCheckpoint = 0;
  let subscription: Subscription | undefined;
  let failure: unknown;
  let waiters: (() => void)[] = [];

  const checkpoint = async (): Promise<void> => {
    if (position === undefined || sinceCheckpoint === 0) return;
    sinceCheckpoint = 0;
    await checkpoints.save(projection.name, { position, state: projection.snapshot(state) });
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
    sinceCheckpoint += 1;
    if (sinceCheckpoint >= every) await checkpoint();
  };

  const start = async (): Promise<void> => {
    if (subscription !== undefined) return;
    failure = undefined;
    const saved = await checkpoints.load(projection.name);
    if (saved !== undefined && saved.state !== undefined) {
      state = projection.restore(saved.state);
      position = saved.position;
    } else {
      state = projection.initial();
      position = undefined;
    }
    subscription = store.subscribe(position === undefined ? {} : { after: position }, {
      onEvent,
      onCaughtUp: () => {
        void checkpoint().then(() => {
          const ready = waiters;
          waiters = [];
          for (const wake of ready) wake();
        });
      },
      onError: (error) => {
        failure = error;
        const ready = waiters;
        waiters = [];
        for (const wake of ready) wake();
      },
    });
    await subscription.caughtUp;
  };

  const pendingAfter = async (): Promise<boolean> => {
    for await (const _ of store.readAll({ ...(position === undefined ? {} : { after: position }), limit: 1 }))
      return true;
    return false;
  };

  const stop = async (): Promise<void> => {
    const running = subscription;
    subscription = undefined;
    await running?.close();
    await checkpoint();
  };

  return {
    start,
    async whenCaughtUp() {
      if (subscription === undefined) throw new Error('the runner is not started');
      for (;;) {
        const signal = new Promise<void>((resolve) => waiters.push(resolve));
        if (failure !== undefined) throw failure;
        if (!(await pendingAfter())) {
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
