import type { SeriesClosed, SeriesIndexEvent } from '../series/series-events.js';
import { SERIES_INDEX_STREAM } from '../streams.js';
import { catchUp, emptyStream, type LoadedStream } from './loaded-stream.js';
import type { ServiceContext } from './service-context.js';

/** What the index keeps of a closed series: why, and how many notes went with it. */
export type ClosedRecord = Pick<SeriesClosed['data'], 'reason' | 'notesDestroyed'>;

/** What the series index says: every series by stream name, and the closed ones' records. */
export interface SeriesIndexState {
  /** Every series indexed, in order (a copy: read it rarely, e.g. when expiring series). */
  readonly indexed: readonly string[];
  readonly closed: {
    has(series: string): boolean;
    get(series: string): ClosedRecord | undefined;
  };
}

/**
 * The index's events, shared by every state folded from them: each state sees only the first
 * `events` of them. Evolving the newest state appends in place (O(1) per event, where copying
 * the list and the map made a year of series quadratic); evolving an older one copies first,
 * so a state never changes under its readers.
 */
interface IndexLog {
  readonly indexed: string[];
  /** Each closed series' record, with how many events the log held once it was added. */
  readonly closed: Map<string, { readonly data: ClosedRecord; readonly at: number }>;
  events: number;
}

class IndexView implements SeriesIndexState {
  constructor(
    readonly log: IndexLog,
    /** Events of the log this state has seen. */
    readonly events: number,
    readonly indexedCount: number,
  ) {}
  get indexed(): readonly string[] {
    return this.log.indexed.slice(0, this.indexedCount);
  }
  readonly closed = {
    has: (series: string): boolean => this.closedRecord(series) !== undefined,
    get: (series: string): ClosedRecord | undefined => this.closedRecord(series),
  };
  private closedRecord(series: string): ClosedRecord | undefined {
    const entry = this.log.closed.get(series);
    return entry !== undefined && entry.at <= this.events ? entry.data : undefined;
  }
}

const emptyIndex = (): IndexView => new IndexView({ indexed: [], closed: new Map(), events: 0 }, 0, 0);

/** The log a state may extend in place: its own if it is the newest state of it, else a copy of what it saw. */
function ownLog(state: IndexView): IndexLog {
  if (state.log.events === state.events) return state.log;
  const closed = new Map<string, { readonly data: ClosedRecord; readonly at: number }>();
  for (const [series, entry] of state.log.closed) if (entry.at <= state.events) closed.set(series, entry);
  return { indexed: state.log.indexed.slice(0, state.indexedCount), closed, events: state.events };
}

function evolveIndex(state: SeriesIndexState, event: { type: string; data: unknown }): SeriesIndexState {
  const view = state as IndexView;
  const typed = event as SeriesIndexEvent;
  if (typed.type !== 'SeriesIndexed' && typed.type !== 'SeriesClosed') return state;
  const log = ownLog(view);
  log.events += 1;
  if (typed.type === 'SeriesIndexed') {
    log.indexed.push(typed.data.series);
    return new IndexView(log, log.events, view.indexedCount + 1);
  }
  // Only what a closing retried needs: the record's proofs and hashes stay in the stream.
  const { reason, notesDestroyed } = typed.data;
  log.closed.set(typed.data.series, { data: { reason, notesDestroyed }, at: log.events });
  return new IndexView(log, log.events, view.indexedCount);
}

/** The series index (public: opaque stream names, and what the closing of each kept). */
export interface SeriesIndex {
  load(): Promise<LoadedStream<SeriesIndexState>>;
  readonly evolve: typeof evolveIndex;
  /** Keeps what a writer appended, so the next load does not read and fold it again. */
  remember(loaded: LoadedStream<SeriesIndexState>): void;
}

/** The series index of a service, cached and caught up on every load. */
export function createSeriesIndex(context: ServiceContext): SeriesIndex {
  let cached: LoadedStream<SeriesIndexState> = emptyStream(SERIES_INDEX_STREAM, emptyIndex());
  return {
    async load() {
      cached = await catchUp(context.store, cached, context.keyRing.sealerFor, evolveIndex);
      return cached;
    },
    evolve: evolveIndex,
    remember(loaded) {
      // Only an extension of what is cached: a writer that loaded earlier must not roll it back.
      if ((loaded.link?.revision ?? -1) > (cached.link?.revision ?? -1)) cached = loaded;
    },
  };
}
