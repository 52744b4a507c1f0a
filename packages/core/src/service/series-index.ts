import type { SeriesClosed, SeriesIndexEvent } from '../series/series-events.js';
import { SERIES_INDEX_STREAM } from '../streams.js';
import { catchUp, emptyStream, type LoadedStream } from './loaded-stream.js';
import type { ServiceContext } from './service-context.js';

/** What the series index says: every series by stream name, and the closed ones' records. */
export interface SeriesIndexState {
  readonly indexed: readonly string[];
  readonly closed: ReadonlyMap<string, SeriesClosed['data']>;
}

const emptyIndex: SeriesIndexState = { indexed: [], closed: new Map() };

function evolveIndex(state: SeriesIndexState, event: { type: string; data: unknown }): SeriesIndexState {
  const typed = event as SeriesIndexEvent;
  if (typed.type === 'SeriesIndexed') return { ...state, indexed: [...state.indexed, typed.data.series] };
  if (typed.type === 'SeriesClosed')
    return { ...state, closed: new Map(state.closed).set(typed.data.series, typed.data) };
  return state;
}

/** The series index (public: opaque stream names, and what the closing of each kept). */
export interface SeriesIndex {
  load(): Promise<LoadedStream<SeriesIndexState>>;
  readonly evolve: typeof evolveIndex;
}

/** The series index of a service, cached and caught up on every load. */
export function createSeriesIndex(context: ServiceContext): SeriesIndex {
  let cached: LoadedStream<SeriesIndexState> = emptyStream(SERIES_INDEX_STREAM, emptyIndex);
  return {
    async load() {
      cached = await catchUp(context.store, cached, context.keyRing.sealerFor, evolveIndex);
      return cached;
    },
    evolve: evolveIndex,
  };
}
