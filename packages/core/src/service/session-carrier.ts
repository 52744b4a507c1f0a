import type { SessionsCarried } from '../series/series-events.js';
import { evolveSeries } from '../series/series-state.js';
import { sessionTag } from '../series/session-tag.js';
import type { SheetDetailEvent } from '../tally/events.js';
import type { SeriesIndex } from './series-index.js';
import type { SeriesRoster } from './series-roster.js';
import type { SeriesStore } from './series-store.js';
import type { ServiceContext } from './service-context.js';

/** Sessions of one series in a month's detail. */
interface MonthSessions {
  sessions: number;
  lastOn?: string;
}

function sessionsByTag(events: readonly SheetDetailEvent[]): Map<string, MonthSessions> {
  const byTag = new Map<string, MonthSessions>();
  for (const event of events) {
    if (event.type !== 'ContactTallied' || event.data.session === undefined) continue;
    const { series, on } = event.data.session;
    const of = byTag.get(series) ?? { sessions: 0 };
    of.sessions += 1;
    if (of.lastOn === undefined || on > of.lastOn) of.lastOn = on;
    byTag.set(series, of);
  }
  return byTag;
}

/**
 * Before a month's detail is shredded, carries each open series' sessions of that month to the
 * series stream: one `SessionsCarried` to every open series alike, with or without sessions, so
 * each grows by one event a seal and no copy of the store tells which had sessions. A series
 * being closed gets its carry too, until its closing pads the stream (its last write, whose size
 * the closing record keeps). Idempotent: a seal run again carries to the rest.
 */
export function createSessionCarrier(
  context: ServiceContext,
  index: SeriesIndex,
  series: SeriesStore,
  roster: SeriesRoster,
) {
  return async (period: string, events: readonly SheetDetailEvent[]): Promise<void> => {
    const byTag = sessionsByTag(events);
    const { state } = await index.load();
    for (const stream of await roster()) {
      if (state.closed.has(stream)) continue;
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const { loaded, key } = await series.load(stream);
        if (loaded.link === undefined || key === undefined) break;
        if (loaded.state.padded === true || loaded.state.carried.includes(period)) break;
        const of = byTag.get(sessionTag(key.naming, period));
        const carried: SessionsCarried = {
          type: 'SessionsCarried',
          data: {
            period,
            sessions: of?.sessions ?? 0,
            ...(of?.lastOn === undefined ? {} : { lastOn: of.lastOn }),
          },
        };
        const appended = await context.writer.append(
          loaded,
          { commandId: `carried\u0000${period}`, events: [carried], privacy: { key, kind: 'series' } },
          evolveSeries,
        );
        if (appended.kind === 'appended') series.remember(appended.loaded);
        if (appended.kind !== 'conflict') break;
      }
    }
  };
}

/** Carries a sealed month's sessions to the open series (see {@link createSessionCarrier}). */
export type SessionCarrier = ReturnType<typeof createSessionCarrier>;
