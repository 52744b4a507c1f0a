declare const gc: (() => void) | undefined;

/** Collects garbage thoroughly (needs `--expose-gc`) and returns the bytes in use on the heap and in buffers. */
export function settledHeapBytes(): number {
  if (typeof gc !== 'function') throw new Error('run with --expose-gc');
  for (let round = 0; round < 4; round += 1) gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

const retained: unknown[] = [];

/** Keeps a value reachable until {@link release}, so a heap measurement cannot see it collected early. */
export function retain<T>(value: T): T {
  retained.push(value);
  return value;
}

/** Lets go of everything {@link retain} kept. */
export function release(): void {
  retained.length = 0;
}
