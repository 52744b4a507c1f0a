import type {
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionFilter,
  SubscriptionHandler,
} from '../ports/event-store.js';

/** What a store gives a catch-up subscription: reads of the log, and a signal when it may have grown. */
export interface CatchUpSource {
  readAll(options: ReadAllOptions): AsyncIterable<RecordedEvent>;
  /** Resolves after the next append (taken *before* reading, so no append between the two is missed). */
  nextAppend(): Promise<void>;
}

const BATCH = 512;

function matches(filter: SubscriptionFilter | undefined, event: RecordedEvent): boolean {
  if (filter === undefined) return true;
  if (
    filter.streamPrefixes !== undefined &&
    !filter.streamPrefixes.some((prefix) => event.stream.startsWith(prefix))
  ) {
    return false;
  }
  return filter.eventTypes === undefined || filter.eventTypes.includes(event.type);
}

/**
 * A subscription that catches up from a position by reading the log in batches, then waits
 * for appends and goes on: one event at a time, in order, resumable after any position.
 * Adapters whose store can signal appends (in memory, LISTEN/NOTIFY) reuse it.
 */
export function createCatchUpSubscription(
  source: CatchUpSource,
  options: SubscribeOptions,
  handler: SubscriptionHandler,
): Subscription {
  let closed = false;
  let wake: (() => void) | undefined;
  let resolveCaughtUp: () => void = () => undefined;
  let rejectCaughtUp: (error: unknown) => void = () => undefined;
  const caughtUp = new Promise<void>((resolve, reject) => {
    resolveCaughtUp = resolve;
    rejectCaughtUp = reject;
  });
  // A failure before catching up rejects `caughtUp`; nobody may be awaiting it, so never unhandled.
  caughtUp.catch(() => undefined);
  const stopped = new Promise<void>((resolve) => {
    wake = resolve;
  });

  const loop = async (): Promise<void> => {
    let after = options.after;
    while (!closed) {
      const appended = source.nextAppend();
      let delivered = 0;
      for await (const event of source.readAll({ ...(after === undefined ? {} : { after }), limit: BATCH })) {
        if (closed) return;
        delivered += 1;
        if (matches(options.filter, event)) await handler.onEvent(event);
        after = event.position;
      }
      if (delivered < BATCH) {
        handler.onCaughtUp?.(after);
        resolveCaughtUp();
        await Promise.race([appended, stopped]);
      }
    }
  };

  const running = loop().catch((error: unknown) => {
    closed = true;
    rejectCaughtUp(error);
    handler.onError?.(error);
  });

  return {
    caughtUp,
    async close() {
      closed = true;
      wake?.();
      await running;
    },
  };
}
