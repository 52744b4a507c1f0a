/** How long to wait before the next attempt: capped exponential growth with full jitter. */
export interface Backoff {
  /** The delay before retry number `attempt` (1 for the first retry), in milliseconds. */
  delay(attempt: number): number;
}

/**
 * Exponential backoff with full jitter (a uniformly random wait between 0 and the capped
 * exponential bound): concurrent writers that met each other spread out instead of meeting
 * again at once.
 */
export function jitteredBackoff(baseMs: number, capMs: number, random: () => number = Math.random): Backoff {
  return {
    delay: (attempt) => random() * Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1)),
  };
}

/** Waits `ms` milliseconds (nothing when `ms` is 0). */
export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
