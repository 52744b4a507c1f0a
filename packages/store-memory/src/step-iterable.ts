const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * An async iterable over values computed synchronously, one per step: it behaves as an async
 * generator would (nothing runs before the first `next()`, it iterates once, an error rejects
 * that `next()` and ends it) but answers each step with an already-settled promise, without
 * a generator's queue. `start` runs at the first `next()` and returns the step function, which
 * answers `undefined` when there is nothing more.
 */
export function stepIterable<T>(start: () => () => T | undefined): AsyncIterable<T> & AsyncIterator<T> {
  let step: (() => T | undefined) | undefined;
  let finished = false;
  const iterator: AsyncIterable<T> & AsyncIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next(): Promise<IteratorResult<T>> {
      if (finished) return Promise.resolve(DONE);
      try {
        step ??= start();
        const value = step();
        if (value === undefined) {
          finished = true;
          return Promise.resolve(DONE);
        }
        return Promise.resolve({ done: false, value });
      } catch (error) {
        finished = true;
        return Promise.reject(error);
      }
    },
    return(): Promise<IteratorResult<T>> {
      finished = true;
      return Promise.resolve(DONE);
    },
  };
  return iterator;
}
