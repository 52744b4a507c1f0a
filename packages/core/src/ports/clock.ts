/** The time, through a port, so decisions stay pure and tests control it. */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (for tests and replays). */
export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant);
  return { now: () => new Date(at) };
}

/** Today's date (`YYYY-MM-DD`, UTC) on a clock. */
export function todayOn(clock: Clock): string {
  return clock.now().toISOString().slice(0, 10);
}
