import * as E from 'fp-ts/lib/Either.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import type { SeriesClosingReason } from '../series/series-events.js';
import type { SeriesState } from '../series/series-state.js';
import type { OpenKey } from './key-ring.js';
import type { LoadedStream } from './loaded-stream.js';
import type { SeriesIndex } from './series-index.js';
import type { SeriesRoster } from './series-roster.js';
import type { SessionCounter } from './series-sessions.js';
import type { SeriesStore } from './series-store.js';
import type { ServiceContext } from './service-context.js';

/** What the expiry needs of the closer: a close, and the finish of one that stopped after its record. */
export interface SeriesCloserSteps {
  readonly close: (stream: string, reason: SeriesClosingReason) => Promise<E.Either<Refusal, unknown>>;
  readonly finish: (stream: string) => Promise<void>;
}

/**
 * Closes every series idle for longer than the retention, as of the clock's today, and finishes
 * interrupted closings.
 */
export function createSeriesExpiry(
  context: ServiceContext,
  series: SeriesStore,
  index: SeriesIndex,
  countSessions: SessionCounter,
  roster: SeriesRoster,
  { close, finish }: SeriesCloserSteps,
) {
  /** The latest date anything happened to a series: its stream's, or its latest session's on an open month. */
  const lastActivityOf = async (
    loaded: LoadedStream<SeriesState>,
    key: OpenKey,
    today: string,
  ): Promise<string> => {
    const { series: current, counted } = await countSessions(
      loaded,
      key,
      async () => (await series.load(loaded.stream)).loaded,
    );
    const streamSays = current.state.lastActivityOn ?? today;
    return counted.lastContactOn !== undefined && counted.lastContactOn > streamSays
      ? counted.lastContactOn
      : streamSays;
  };

  return async (retentionDays: number): Promise<{ readonly expired: number; readonly open: number }> => {
    const today = todayOn(context.clock);
    const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - retentionDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    let expired = 0;
    let open = 0;
    const { state } = await index.load();
    for (const stream of await roster()) {
      if (state.closed.has(stream)) {
        if ((await context.keyRing.existing(stream)) !== undefined) await finish(stream);
        continue;
      }
      const { loaded, key } = await series.load(stream);
      if (loaded.link === undefined || key === undefined) continue; // a crash before the series was written
      if (loaded.state.closing !== undefined || (await lastActivityOf(loaded, key, today)) < cutoff) {
        const closed = await close(stream, loaded.state.closing?.reason ?? 'retention-expired');
        if (E.isRight(closed)) expired += 1;
      } else {
        open += 1;
      }
    }
    return { expired, open };
  };
}
