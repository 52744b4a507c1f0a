import type { RegistryClosed } from '../sealing/period-events.js';
import { evolveRegistry, type RegistryState } from '../sealing/period-state.js';
import { periodKeyId } from '../streams.js';
import type { LoadedStream } from './loaded-stream.js';
import type { PeriodLoader } from './period-loader.js';
import type { ServiceContext } from './service-context.js';

/**
 * Closes a period's registry (no new sheet from now on); returns it closed. Also a month with no
 * sheet yet: its registry is written closed (under a period key made for it), so a tally in
 * flight that still read the month as open cannot register a sheet after the seal — an empty
 * month once sealed with no registry at all let such tallies land on a sheet nothing counted or
 * deleted.
 */
export function createRegistryCloser(context: ServiceContext, periods: PeriodLoader) {
  const { writer, keyRing } = context;
  return async (period: string): Promise<LoadedStream<RegistryState>> => {
    const key = await keyRing.create(periodKeyId(period));
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const registry = await periods.loadRegistry(period);
      if (registry.state.closed) return registry;
      const closing: RegistryClosed = { type: 'RegistryClosed', data: { period } };
      const appended = await writer.append(
        registry,
        { commandId: `close-registry\u0000${period}`, events: [closing], privacy: { key, kind: 'registry' } },
        evolveRegistry,
      );
      if (appended.kind === 'appended') {
        periods.rememberRegistry(period, appended.loaded);
        return appended.loaded;
      }
      if (appended.kind === 'deleted')
        throw new Error(`the registry of ${period} was deleted before the seal`);
    }
    throw new Error(`could not close the registry of ${period}: too many concurrent writers`);
  };
}
