import { todayOn } from '../ports/clock.js';
import type { SeriesState } from '../series/series-state.js';
import { sessionTag } from '../series/session-tag.js';
import { periodKeyId, tallySheetStream } from '../streams.js';
import { monthBefore } from '../tally/month-before.js';
import { periodOf } from '../tally/tally-sheet-decider.js';
import type { KeptSheet } from './kept-sheet.js';
import type { OpenKey } from './key-ring.js';
import type { LoadedStream } from './loaded-stream.js';
import type { PeriodLoader } from './period-loader.js';
import type { ServiceContext } from './service-context.js';
import type { SheetLoader } from './sheet-loader.js';

/** A series' sessions as the store holds them now. */
export interface CountedSessions {
  readonly contacts: number;
  /** The latest session's date (or the latest the series stream records). */
  readonly lastContactOn?: string;
  /** A month's detail says the series ended (its closing got there first). */
  readonly ended: boolean;
  /** The sessions counted in each open month's detail. */
  readonly byMonth: ReadonlyMap<string, number>;
}

/**
 * Counts a series' sessions: what its stream records (sessions of sealed months, carried to it
 * by their seals, and those of older versions) plus the sessions its tags mark in the detail of
 * each month not yet carried.
 *
 * Months are read from today's back to the month before the series opened, then on while they
 * are open (a late entry may be dated in any month not yet sealed), never before the first
 * catalogue. A month sealed but not carried to the series as it was read is read again once
 * (`reload`): sealed since, its count is on the stream now; still not carried, the series was
 * opened after that seal, with nothing in it. `within` is a month the caller has loaded already
 * (the one it writes on); every other month is caught up with the store. Answers the series as
 * last read, with its count. Two processes writing sessions of one series in two different
 * months at the same moment are not serialised (each takes turns on its own month only).
 */
export function createSessionCounter(context: ServiceContext, periods: PeriodLoader, loadSheet: SheetLoader) {
  // A month's detail stream name and a series' tag for a month are keyed hashes: computed once
  // while their keys live here, forgotten with them.
  const streams = new Map<string, string>();
  const tags = new Map<string, Map<string, string>>();
  context.keyRing.onForget((keyId) => {
    if (keyId.startsWith('period-')) streams.delete(keyId.slice('period-'.length));
    tags.delete(keyId);
  });
  const tagOf = (series: string, key: OpenKey, period: string): string => {
    let ofSeries = tags.get(series);
    if (ofSeries === undefined) {
      ofSeries = new Map();
      tags.set(series, ofSeries);
    }
    let tag = ofSeries.get(period);
    if (tag === undefined) {
      tag = sessionTag(key.naming, period);
      ofSeries.set(period, tag);
    }
    return tag;
  };
  const monthDetail = async (
    period: string,
    monthKey: OpenKey,
    coordinates: { readonly interventionId: string; readonly unitId: string },
  ): Promise<KeptSheet> => {
    let stream = streams.get(period);
    if (stream === undefined) {
      stream = tallySheetStream({ period }, monthKey.naming);
      streams.set(period, stream);
    }
    // Caught up with the store, never taken as held: another process may have written sessions
    // of this series in another month since, and the limit counts them all (attack 23). The
    // cache still spares the read of what this process has folded already.
    return (await loadSheet({ stream, coordinates: { ...coordinates, period }, key: monthKey })).state;
  };

  const countOnce = async (
    stream: string,
    series: SeriesState,
    key: OpenKey,
    today: string,
    trustSeals: boolean,
    within?: { readonly period: string; readonly sheet: KeptSheet },
  ): Promise<CountedSessions | 'read-again'> => {
    let contacts = series.contacts;
    let lastContactOn = series.lastContactOn;
    let ended = false;
    const byMonth = new Map<string, number>();
    const { interventionId, unitId } = series;
    // Month strings compare in calendar order: the earliest month any catalogue was in force.
    const firstMonth = [
      periodOf(today),
      ...(await context.catalogues()).map((c) => periodOf(c.effectiveFrom)),
    ].sort()[0] as string;
    const windowStart = monthBefore(periodOf(series.openedOn ?? today));
    // The month written on is counted even past a sealed month the scan stops at.
    const months = within === undefined ? [] : [within.period];
    for (let period = periodOf(today); period >= firstMonth; period = monthBefore(period)) {
      if (period !== within?.period) months.push(period);
    }
    for (const period of months) {
      if (interventionId === undefined || unitId === undefined) break;
      if (series.carried.includes(period)) {
        if (period < windowStart) break;
        continue;
      }
      let sheet = within?.period === period ? within.sheet : undefined;
      if (sheet === undefined) {
        const monthKey = await context.keyRing.existing(periodKeyId(period));
        if (monthKey === undefined) {
          // No key: nothing was tallied that month, or it is sealed and shredded — then its
          // sessions were carried to every series open at the seal: to this one since it was read?
          if (await periods.isSealed(period)) {
            if (!trustSeals) return 'read-again';
            if (period < windowStart) break;
          }
          continue;
        }
        sheet = await monthDetail(period, monthKey, { interventionId, unitId });
      }
      // A closed detail is being sealed: its sessions may have been carried since the series was read.
      if (sheet.closed && !trustSeals) return 'read-again';
      const of = sheet.sessions.get(tagOf(stream, key, period));
      if (of === undefined) continue;
      contacts += of.sessions;
      byMonth.set(period, of.sessions);
      if (of.lastOn !== undefined && (lastContactOn === undefined || of.lastOn > lastContactOn))
        lastContactOn = of.lastOn;
      ended ||= of.ended;
    }
    return { contacts, ended, byMonth, ...(lastContactOn === undefined ? {} : { lastContactOn }) };
  };

  return async (
    series: LoadedStream<SeriesState>,
    key: OpenKey,
    reload: () => Promise<LoadedStream<SeriesState>>,
    within?: { readonly period: string; readonly sheet: KeptSheet },
  ): Promise<{ readonly series: LoadedStream<SeriesState>; readonly counted: CountedSessions }> => {
    const today = todayOn(context.clock);
    const first = await countOnce(series.stream, series.state, key, today, false, within);
    if (first !== 'read-again') return { series, counted: first };
    const again = await reload();
    const counted = await countOnce(again.stream, again.state, key, today, true, within);
    if (counted === 'read-again') throw new Error('a trusted count asked to be read again');
    return { series: again, counted };
  };
}
/** Counts a series' sessions (see {@link createSessionCounter}). */
export type SessionCounter = ReturnType<typeof createSessionCounter>;
