/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export const now = (): number => performance.now();

/** Runs an async task and returns its result with its duration in milliseconds. */
export async function timed<T>(task: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = now();
  const result = await task();
  return { result, ms: now() - start };
}
