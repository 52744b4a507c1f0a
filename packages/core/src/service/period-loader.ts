import { emptyPeriod, evolvePeriod, type PeriodState } from '../sealing/period-state.js';
import { periodKeyId, periodStream } from '../streams.js';
import { decodeClearOnly } from './key-ring.js';
import { catchUp, emptyStream, type LoadedStream } from './loaded-stream.js';
import type { ServiceContext } from './service-context.js';

/** Loads a period's stream (registry decrypted while its key exists), cached and caught up on each load. */
export interface PeriodLoader {
  load(period: string): Promise<LoadedStream<PeriodState>>;
  remember(period: string, loaded: LoadedStream<PeriodState>): void;
}

/** A period loader for a service. */
export function createPeriodLoader(context: ServiceContext): PeriodLoader {
  const cache = new Map<string, LoadedStream<PeriodState>>();
  return {
    async load(period) {
      const cached = cache.get(period) ?? emptyStream(periodStream(period), emptyPeriod());
      const key = await context.keyRing.existing(periodKeyId(period));
      const loaded = await catchUp(context.store, cached, key?.decode ?? decodeClearOnly, evolvePeriod);
      cache.set(period, loaded);
      return loaded;
    },
    remember(period, loaded) {
      cache.set(period, loaded);
    },
  };
}
