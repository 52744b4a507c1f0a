/**
 * The promise of the next append: made only when someone waits (a subscription caught up with
 * the log), settled and forgotten by the first append that writes something.
 */
export interface AppendSignal {
  /** Wakes the waiters, if `written` events were written and anyone waits. */
  announce(written: number): void;
  /** Settles at the next append that writes something. */
  next(): Promise<void>;
}

/** A signal nobody waits for yet. */
export function createAppendSignal(): AppendSignal {
  let signal: { promise: Promise<void>; resolve: () => void } | undefined;
  return {
    announce(written) {
      if (written > 0 && signal !== undefined) {
        const { resolve } = signal;
        signal = undefined;
        resolve();
      }
    },
    next() {
      if (signal === undefined) {
        let resolve: () => void = () => undefined;
        const promise = new Promise<void>((done) => {
          resolve = done;
        });
        signal = { promise, resolve };
      }
      return signal.promise;
    },
  };
}
