import { todayOn } from '../ports/clock.js';
import { periodKeyId } from '../streams.js';
import { monthBefore } from '../tally/month-before.js';
import { periodOf } from '../tally/tally-sheet-decider.js';
import type { PeriodLoader } from './period-loader.js';
import type { SeriesIndex } from './series-index.js';
import type { ServiceContext } from './service-context.js';

/**
 * Every series the store knows of, closed ones included: those the index lists (indexed by the
 * seal of the month they opened in, or at their opening before that change) and those the
 * registries of months not yet sealed hold. Read rarely — by expiry and by each seal.
 */
export function createSeriesRoster(context: ServiceContext, periods: PeriodLoader, index: SeriesIndex) {
  return async (): Promise<readonly string[]> => {
    const all = new Set((await index.load()).state.indexed);
    const today = periodOf(todayOn(context.clock));
    const first = [
      today,
      ...(await context.catalogues()).map((c) => periodOf(c.effectiveFrom)),
    ].sort()[0] as string;
    for (let period = today; period >= first; period = monthBefore(period)) {
      // A month with no key has no registry to read: nothing opened, or sealed (and indexed).
      if ((await context.keyRing.existing(periodKeyId(period))) === undefined) continue;
      for (const series of (await periods.loadRegistry(period)).state.series) all.add(series);
    }
    return [...all];
  };
}

/** Every series the store knows of (see {@link createSeriesRoster}). */
export type SeriesRoster = ReturnType<typeof createSeriesRoster>;
