import type { Clock } from '@pinnstatistik/core';

/** A clock a scenario moves by hand: it reads noon (UTC) of the day it was last set to. */
export interface MovableClock extends Clock {
  /** The day the clock shows, `YYYY-MM-DD`. */
  readonly today: string;
  /** Sets the clock to noon of a day (`YYYY-MM-DD`) or to an exact instant. */
  set(dayOrInstant: string): void;
}

/** A clock stopped at a day until it is set to another. */
export function movableClock(dayOrInstant: string): MovableClock {
  const instantOf = (value: string): Date => new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  let current = instantOf(dayOrInstant);
  return {
    now: () => new Date(current),
    get today() {
      return current.toISOString().slice(0, 10);
    },
    set(value) {
      current = instantOf(value);
    },
  };
}
