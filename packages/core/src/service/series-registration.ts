import * as E from 'fp-ts/lib/Either.js';
import type { Refusal } from '../refusals/refusal.js';
import type { SeriesRegistered } from '../sealing/period-events.js';
import { evolveRegistry } from '../sealing/period-state.js';
import type { SeriesIndexed } from '../series/series-events.js';
import { periodKeyId } from '../streams.js';
import { periodKeyLost } from './period-key-lost.js';
import type { PeriodLoader } from './period-loader.js';
import type { SeriesIndex } from './series-index.js';
import type { ServiceContext } from './service-context.js';

/**
 * Where a new series is written down before its stream, so expiry and the seals find it: in the
 * registry of the month it opens in — sealed and padded like a sheet's registration, deleted
 * with the registry at the month's seal, which indexes the month's series in one batch. A clear
 * index record written at the opening dated it to the position: with its closing record, a copy
 * of the store read how many events the series' life spanned (attack 14b, 17 of 19 one-session
 * series). A month already being sealed (clocks apart) takes the clear record instead.
 */
export function createSeriesRegistration(context: ServiceContext, periods: PeriodLoader, index: SeriesIndex) {
  const { writer, keyRing } = context;

  const indexNow = async (stream: string): Promise<E.Either<Refusal, void>> => {
    const indexed: SeriesIndexed = { type: 'SeriesIndexed', data: { series: stream } };
    const entry = await writer.run({
      commandId: `index\u0000${stream}`,
      load: index.load,
      decide: () => E.right({ commandId: `index\u0000${stream}`, events: [indexed] }),
      evolve: index.evolve,
      remember: index.remember,
    });
    return E.map(() => undefined)(entry);
  };

  /** Writes the series down in its month's registry (or, that month being sealed, in the index). */
  const register = async (stream: string, period: string): Promise<E.Either<Refusal, void>> => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      // Sealed, or its key destroyed outside the library: no registry to write in.
      if ((await periods.isSealed(period)) || (await periodKeyLost(context, period))) return indexNow(stream);
      const key = await keyRing.create(periodKeyId(period));
      const registry = await periods.loadRegistry(period);
      if (registry.state.series.has(stream)) return E.right(undefined);
      if (registry.state.closed) return indexNow(stream);
      const registration: SeriesRegistered = { type: 'SeriesRegistered', data: { period, series: stream } };
      const appended = await writer.append(
        registry,
        { commandId: `series\u0000${stream}`, events: [registration], privacy: { key, kind: 'registry' } },
        evolveRegistry,
      );
      if (appended.kind === 'appended') {
        periods.rememberRegistry(period, appended.loaded);
        return E.right(undefined);
      }
      if (appended.kind === 'deleted') return indexNow(stream);
    }
    throw new Error(`could not register a series in ${period}: too many concurrent writers`);
  };

  /** The month's series not indexed yet, indexed in one batch, in stream order (the seal's step). */
  const indexMonth = async (period: string, registered: Iterable<string>): Promise<void> => {
    const known = new Set((await index.load()).state.indexed);
    const events: SeriesIndexed[] = [...registered]
      .filter((stream) => !known.has(stream))
      .sort()
      .map((stream) => ({ type: 'SeriesIndexed', data: { series: stream } }));
    if (events.length === 0) return;
    const entry = await writer.run({
      commandId: `index\u0000${period}`,
      load: index.load,
      decide: () => E.right({ commandId: `index\u0000${period}`, events }),
      evolve: index.evolve,
      remember: index.remember,
    });
    if (E.isLeft(entry)) throw new Error(`could not index the series of ${period}: ${entry.left.code}`);
  };

  return { register, indexMonth };
}

/** Registers series in their month and indexes them at its seal (see {@link createSeriesRegistration}). */
export type SeriesRegistration = ReturnType<typeof createSeriesRegistration>;
