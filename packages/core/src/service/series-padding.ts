import type { SeriesPadded } from '../series/series-events.js';
import { seriesSizeBucket } from '../series/series-size-bucket.js';
import { evolveSeries, type SeriesState } from '../series/series-state.js';
import type { OpenKey } from './key-ring.js';
import type { LoadedStream } from './loaded-stream.js';
import type { SeriesStore } from './series-store.js';
import type { ServiceContext } from './service-context.js';

/**
 * Pads a closing series' stream to its bucket — its last write, after its end is tallied: a seal
 * that carried the sessions of a month to the series while it was closing is inside the padded
 * size (a seal carries nothing to a padded series; the expected revision orders the two).
 */
export function createSeriesPadder(context: ServiceContext, series: SeriesStore) {
  const { writer } = context;
  return async (stream: string, key: OpenKey): Promise<LoadedStream<SeriesState>> => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const { loaded } = await series.load(stream);
      if (loaded.state.padded) return loaded;
      // At least one event (so the state knows), then up to the bucket: the size kept in clear.
      const size = loaded.link === undefined ? 0 : loaded.link.revision + 1;
      const padding: SeriesPadded[] = Array.from({ length: seriesSizeBucket(size + 1) - size }, () => ({
        type: 'SeriesPadded',
        data: {},
      }));
      const appended = await writer.append(
        loaded,
        { commandId: `padding\u0000${stream}`, events: padding, privacy: { key, kind: 'series' } },
        evolveSeries,
      );
      if (appended.kind === 'appended') return appended.loaded;
      if (appended.kind === 'deleted') throw new Error('a closing series was deleted before its record');
    }
    throw new Error('could not pad a closing series: too many concurrent writers');
  };
}
