import type { SubscribeOptions, Subscription, SubscriptionHandler } from '@pinnstatistik/core';
import type { ClientSubscription } from './client-seam.js';
import { type DeletedStreams, type Visibility, visibility } from './deleted-streams.js';
import { catchUpThroughReads, type PositionedRecord } from './esdb-catch-up.js';
import type { Reader } from './esdb-reads.js';
import { toRecordedEvent } from './event-encoding.js';
import { comparePositions, type EsdbPosition, formatPosition, parsePosition } from './positions.js';
import { storeFault } from './store-faults.js';
import { planFilter } from './subscription-filter.js';

/** How a subscription retries after the store fails it (the connection drops, the node restarts). */
export interface SubscriptionRetryPolicy {
  /** The first delay before resubscribing, in milliseconds (default 100). */
  readonly initialDelayMs?: number;
  /** The longest delay, in milliseconds (default 5000); delays double up to it. */
  readonly maxDelayMs?: number;
  /**
   * Failed attempts in a row before the subscription stops with `onError` (default 20: with the
   * default delays, about 75 s without reaching the node). An attempt that reads anything
   * resets the count.
   */
  readonly maxAttempts?: number;
}

/** Thrown inside the loop for failures that a retry cannot cure: the handler's, or a foreign event. */
class Fatal {
  constructor(readonly cause: unknown) {}
}

/** A checkpoint, to apply once the events pushed before it are handled. */
interface Marker {
  /** How many records had been pushed when the checkpoint arrived. */
  readonly at: number;
  readonly checkpoint: EsdbPosition;
}

/**
 * A catch-up subscription to `$all`, resumed exclusively after the last event handled or the
 * last checkpoint passed, with exponential backoff after failures. Each connection first
 * catches up by reading `$all` in pages of `readBatchSize` (every server version serves reads;
 * only EventStoreDB 23.10 and later send a caught-up signal on subscriptions, so the adapter
 * does not depend on it): once a page comes back short and every event read has been handled,
 * it is caught up (`onCaughtUp`, `caughtUp`). It then goes live on the server's own
 * subscription from there, with a server-side filter and checkpoints. Records are pulled one
 * at a time and handled in order; a checkpoint is applied only once every record pushed
 * before it has been handled, so it never skips an event. Events of deleted streams, which
 * `$all` keeps until a scavenge, are left out (see {@link visibility}). When the retries run
 * out, `onError` gets a `StoreUnavailable` for a connection fault.
 */
export function subscribeThroughClient(
  reader: Reader,
  deleted: DeletedStreams,
  options: SubscribeOptions,
  handler: SubscriptionHandler,
  retry: SubscriptionRetryPolicy = {},
): Subscription {
  const { seam } = reader;
  const initialDelayMs = retry.initialDelayMs ?? 100;
  const maxDelayMs = retry.maxDelayMs ?? 5_000;
  const maxAttempts = retry.maxAttempts ?? 20;
  const plan = planFilter(options.filter);
  let after = options.after === undefined ? undefined : parsePosition(options.after);
  let closed = false;
  let interrupt: () => void = () => undefined;
  let resolveCaughtUp: () => void = () => undefined;
  let rejectCaughtUp: (error: unknown) => void = () => undefined;
  const caughtUp = new Promise<void>((resolve, reject) => {
    resolveCaughtUp = resolve;
    rejectCaughtUp = reject;
  });
  // A failure before catching up rejects `caughtUp`; nobody may be awaiting it, so never unhandled.
  caughtUp.catch(() => undefined);

  const advance = (position: EsdbPosition): void => {
    if (after === undefined || comparePositions(position, after) > 0) after = position;
  };

  /** Handles one admitted record unless resuming has already passed it; the handler's failure is fatal. */
  const deliver = async (record: PositionedRecord, view: Visibility): Promise<void> => {
    // Resuming is exclusive; a server that repeats the position it was given is not followed.
    if (after !== undefined && comparePositions(record.position, after) <= 0) return;
    if (plan.accepts(record) && view.visible(record)) {
      try {
        await handler.onEvent(toRecordedEvent(record));
      } catch (error) {
        throw new Fatal(error);
      }
    }
    advance(record.position);
  };

  /**
   * One connection: catch up through reads, then follow the server's subscription until the
   * server ends it (resolves) or fails it (throws); reports progress.
   */
  const runOnce = async (progress: () => void): Promise<void> => {
    const view = visibility(reader, deleted);
    for await (const page of catchUpThroughReads(reader, after)) {
      if (closed) return;
      progress();
      await view.admit(page);
      for (const record of page) {
        if (closed) return;
        await deliver(record, view);
      }
    }
    if (closed) return;
    progress();
    handler.onCaughtUp?.(after === undefined ? undefined : formatPosition(after));
    resolveCaughtUp();

    const markers: Marker[] = [];
    let consumed = 0;
    let handled = 0;
    let ended = false;
    let failure: { error: unknown } | undefined;
    let wake: (() => void) | undefined;
    const notify = (): void => {
      const resume = wake;
      wake = undefined;
      resume?.();
    };
    interrupt = notify;
    let subscription: ClientSubscription | undefined;
    const pushed = (): number => consumed + (subscription?.readableLength ?? 0);
    subscription = seam.subscribeToAll({
      fromPosition: after ?? 'start',
      filter: {
        ...plan.server,
        checkpointInterval: 1,
        checkpointReached: (_subscription, checkpoint) => {
          markers.push({ at: pushed(), checkpoint });
          notify();
        },
      },
    });
    subscription.on('readable', notify);
    subscription.on('end', () => {
      ended = true;
      notify();
    });
    subscription.on('close', () => {
      ended = true;
      notify();
    });
    subscription.on('error', (error) => {
      failure ??= { error };
      notify();
    });

    const applyMarkers = (): void => {
      while (markers.length > 0 && (markers[0] as Marker).at <= handled) {
        progress();
        advance((markers.shift() as Marker).checkpoint);
      }
    };

    try {
      while (!closed) {
        applyMarkers();
        if (failure !== undefined) throw failure.error;
        const resolved = subscription.read();
        if (resolved !== null) {
          consumed += 1;
          progress();
          const record = resolved.event;
          if (record?.position !== undefined) {
            await view.admit([record]);
            await deliver({ ...record, position: record.position }, view);
          }
          handled += 1;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      subscription.removeAllListeners();
      // Cancelling may still surface an error on the stream; it no longer matters.
      subscription.on('error', () => undefined);
      await subscription.unsubscribe();
    }
  };

  const stop = (error: unknown): void => {
    closed = true;
    rejectCaughtUp(error);
    handler.onError?.(error);
  };

  const loop = async (): Promise<void> => {
    let attempt = 0;
    while (!closed) {
      let progressed = false;
      let failure: unknown;
      try {
        await runOnce(() => {
          progressed = true;
        });
        failure = new Error('the server ended the subscription');
      } catch (error) {
        if (error instanceof Fatal) {
          if (!closed) stop(error.cause);
          return;
        }
        failure = error;
      }
      if (closed) return;
      attempt = progressed ? 1 : attempt + 1;
      if (attempt > maxAttempts) {
        stop(storeFault(failure, 'a subscription', false) ?? failure);
        return;
      }
      const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        interrupt = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };

  const running = loop().catch((error: unknown) => {
    if (!closed) stop(error);
  });

  return {
    caughtUp,
    async close() {
      closed = true;
      interrupt();
      await running;
    },
  };
}
