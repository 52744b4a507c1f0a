import * as E from 'fp-ts/lib/Either.js';
import { hashHex } from '../envelope/event-hash.js';
import { accountForDeletion } from '../merkle/account-for-deletion.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { type CloseSeries, CloseSeriesSchema } from '../series/series-commands.js';
import type {
  SeriesClosed,
  SeriesClosing as SeriesClosingEvent,
  SeriesClosingReason,
} from '../series/series-events.js';
import { evolveSeries, type SeriesState } from '../series/series-state.js';
import type { PeriodLoader } from './period-loader.js';
import { createSeriesEndMarker } from './series-end-marker.js';
import { createSeriesExpiry } from './series-expiry.js';
import type { SeriesIndex } from './series-index.js';
import { createSeriesPadder } from './series-padding.js';
import type { SeriesRoster } from './series-roster.js';
import type { SessionCounter } from './series-sessions.js';
import type { SeriesStore } from './series-store.js';
import type { ServiceContext } from './service-context.js';
import type { TallyRecorder } from './tally-recorder.js';

/** What closing a series did, in the caller's words. */
export interface SeriesClosing {
  /** The series' contacts; absent when it was closed before (the count was never kept in clear). */
  readonly contacts?: number;
  readonly notesDestroyed: number;
  readonly reason: SeriesClosingReason;
}

/**
 * Closes series. In order, each step resumable: the closing date recorded (sealed), the
 * series' end tallied on a sheet of an open month, a clear record in the index
 * (why, how many notes, the stream's size — padded to a bucket with the closing — and last hash),
 * then the stream
 * deleted and the key destroyed, with every note.
 */
export function createSeriesCloser(
  context: ServiceContext,
  series: SeriesStore,
  index: SeriesIndex,
  recorder: TallyRecorder,
  periods: PeriodLoader,
  countSessions: SessionCounter,
  roster: SeriesRoster,
) {
  const { writer, keyRing, store } = context;

  const markEnd = createSeriesEndMarker(context, series, recorder, periods, countSessions);
  const padded = createSeriesPadder(context, series);

  const finish = async (stream: string): Promise<void> => {
    series.forget(stream);
    await store.deleteStreams([stream]);
    await keyRing.destroy(stream);
  };

  const close = async (
    stream: string,
    reason: SeriesClosingReason,
  ): Promise<E.Either<Refusal, SeriesClosing>> => {
    const closedBefore = (await index.load()).state.closed.get(stream);
    if (closedBefore !== undefined) {
      await finish(stream); // completes a close that stopped after its record
      return E.right({ notesDestroyed: closedBefore.notesDestroyed, reason: closedBefore.reason });
    }
    const { loaded, key } = await series.load(stream);
    if (loaded.link === undefined) return E.left(refuse.unknownSeries());
    // Its key gone (destroyed outside a close, or never in this process's key store): answered
    // as sessions are, and nothing written or deleted — with another key store, the series
    // may be alive for the processes that hold its key.
    if (key === undefined) return E.left(refuse.seriesClosed());
    let current = loaded;
    if (current.state.closing === undefined) {
      const closing: SeriesClosingEvent = {
        type: 'SeriesClosing',
        data: { on: todayOn(context.clock), reason },
      };
      const appended = await writer.append(
        current,
        { commandId: `closing\u0000${stream}`, events: [closing], privacy: { key, kind: 'series' } },
        evolveSeries,
      );
      if (appended.kind !== 'appended') return close(stream, reason); // a note or a seal's carry got in first
      current = appended.loaded;
    }
    const closing = current.state.closing as NonNullable<SeriesState['closing']>;
    const contacts = await markEnd(current, key, closing.on);
    current = await padded(stream, key);
    const link = current.link as NonNullable<typeof current.link>;
    const proofs = (await accountForDeletion(store, [stream])).get(stream);
    const record: SeriesClosed = {
      type: 'SeriesClosed',
      data: {
        series: stream,
        reason: closing.reason,
        notesDestroyed: current.state.notes.length,
        size: link.revision + 1,
        head: hashHex(link.hash),
        ...proofs,
      },
    };
    const recorded = await writer.run({
      commandId: `closed\u0000${stream}`,
      load: index.load,
      decide: () => E.right({ commandId: `closed\u0000${stream}`, events: [record] }),
      evolve: index.evolve,
      remember: index.remember,
    });
    if (E.isLeft(recorded)) return recorded;
    await finish(stream);
    return E.right({
      contacts,
      notesDestroyed: current.state.notes.length,
      reason: closing.reason,
    });
  };

  const closeSeries = async (input: CloseSeries): Promise<E.Either<Refusal, SeriesClosing>> => {
    const parsed = series.parseWithToken(CloseSeriesSchema, input);
    if (E.isLeft(parsed)) return parsed;
    return E.flatten(await writer.retryUnavailable(() => close(parsed.right.stream, parsed.right.reason)));
  };

  /** Closes every series idle for longer than the retention, as of the clock's today; finishes interrupted closings. */
  const expireSeries = createSeriesExpiry(context, series, index, countSessions, roster, { close, finish });

  return { closeSeries, expireSeries };
}
