/** At most `size` holders at once; the rest wait in order. `take` resolves with the release. */
export type Slots = () => Promise<() => void>;

/** A counting semaphore of `size` slots (at least one). */
export function createSlots(size: number): Slots {
  let free = Math.max(1, size);
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) free += 1;
    else next();
  };
  return () => {
    if (free > 0) {
      free -= 1;
      return Promise.resolve(once(release));
    }
    return new Promise((resolve) => waiting.push(() => resolve(once(release))));
  };
}

function once(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}
