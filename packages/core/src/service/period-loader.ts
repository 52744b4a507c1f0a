import {
  emptyPeriod,
  emptyRegistry,
  evolvePeriod,
  evolveRegistry,
  type PeriodState,
  type RegistryState,
} from '../sealing/period-state.js';
import { periodKeyId, periodStream, registryStream } from '../streams.js';
import { catchUp, emptyStream, type LoadedStream } from './loaded-stream.js';
import { isProvenSealed, sealProofKey } from './proven-seal.js';
import type { ServiceContext } from './service-context.js';

/**
 * Loads a period's public stream (is it sealed?) and its private registry (which sheets, while
 * the period key exists), each cached and caught up on every load.
 */
export interface PeriodLoader {
  load(period: string): Promise<LoadedStream<PeriodState>>;
  /** Whether the period is sealed by the operator: its stream holds a seal whose proof holds. */
  isSealed(period: string): Promise<boolean>;
  remember(period: string, loaded: LoadedStream<PeriodState>): void;
  loadRegistry(period: string): Promise<LoadedStream<RegistryState>>;
  rememberRegistry(period: string, loaded: LoadedStream<RegistryState>): void;
  /** Forgets everything cached about a period (its registry names streams under a destroyed key). */
  forget(period: string): void;
}

/** A period loader for a service. */
export function createPeriodLoader(context: ServiceContext): PeriodLoader {
  const periods = new Map<string, LoadedStream<PeriodState>>();
  const registries = new Map<string, LoadedStream<RegistryState>>();
  const load = async (period: string): Promise<LoadedStream<PeriodState>> => {
    const cached = periods.get(period) ?? emptyStream(periodStream(period), emptyPeriod(period));
    const loaded = await catchUp(context.store, cached, context.keyRing.sealerFor, evolvePeriod);
    periods.set(period, loaded);
    return loaded;
  };
  return {
    load,
    async isSealed(period) {
      const loaded = await load(period);
      // Nothing sealed (the hot case) needs no key.
      return loaded.state.sealed && isProvenSealed(loaded, await sealProofKey(context.keyRing));
    },
    remember(period, loaded) {
      periods.set(period, loaded);
    },
    async loadRegistry(period) {
      await context.keyRing.existing(periodKeyId(period)); // opens the key, so its entries can be read
      const cached = registries.get(period) ?? emptyStream(registryStream(period), emptyRegistry());
      const loaded = await catchUp(context.store, cached, context.keyRing.sealerFor, evolveRegistry);
      registries.set(period, loaded);
      return loaded;
    },
    rememberRegistry(period, loaded) {
      registries.set(period, loaded);
    },
    forget(period) {
      periods.delete(period);
      registries.delete(period);
    },
  };
}
