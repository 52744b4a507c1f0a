import * as E from 'fp-ts/lib/Either.js';
import { catalogueInForceOn } from '../catalogue/catalogue-history.js';
import { talliesSeriesLengths } from '../catalogue/series-policy.js';
import { keyedName } from '../crypto/key-derivation.js';
import { hashHex } from '../envelope/event-hash.js';
import { accountForDeletion } from '../merkle/account-for-deletion.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { SheetAmended } from '../sealing/period-events.js';
import { evolvePeriod } from '../sealing/period-state.js';
import { type CloseSeries, CloseSeriesSchema } from '../series/series-commands.js';
import type {
  SeriesClosed,
  SeriesClosing as SeriesClosingEvent,
  SeriesClosingReason,
  SeriesPadded,
} from '../series/series-events.js';
import { seriesSizeBucket } from '../series/series-size-bucket.js';
import { evolveSeries, type SeriesState } from '../series/series-state.js';
import { sessionTag } from '../series/session-tag.js';
import type { SeriesEnded, SeriesEndMarked } from '../tally/events.js';
import { emptySheetTables } from '../tally/sheet-tables.js';
import { periodOf } from '../tally/tally-sheet-decider.js';
import type { OpenKey } from './key-ring.js';
import type { LoadedStream } from './loaded-stream.js';
import type { PeriodLoader } from './period-loader.js';
import { provenAmendment } from './proven-amendment.js';
import { sealProofKey } from './proven-seal.js';
import type { SeriesIndex } from './series-index.js';
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

  /**
   * Tallies the series' end on a sheet, inside its sealed detail: the month of its last contact
   * while that month is open, else the month it closes in (always open) — never as a clear
   * amendment written beside the closing record, which would tie the two together. The end
   * carries the series' tag for the month, and its length counts that month's sessions as the
   * append finds them: a session racing the closing either is counted or meets the end and is
   * refused. Answers the length.
   */
  const markEnd = async (loaded: LoadedStream<SeriesState>, key: OpenKey, on: string): Promise<number> => {
    const { series: current, counted } = await countSessions(
      loaded,
      key,
      async () => (await series.load(loaded.stream)).loaded,
    );
    const state = current.state;
    if (state.interventionId === undefined || state.unitId === undefined) return counted.contacts;
    // No series-length table where the source counts no sessions (row 14): the end is marked,
    // counted nowhere, so that every closing leaves the same trace in the detail.
    const policy = await series.policyOf(state);
    const lengthTallied = policy === undefined || talliesSeriesLengths(policy);
    const lastContactMonth =
      counted.lastContactOn === undefined ? undefined : periodOf(counted.lastContactOn);
    // Its last contact's month while that month is open, else (sealed, or being sealed: its detail
    // closed) the month it closes in — never an amendment written while a seal is under way, which
    // the seal's tables would come after.
    const months = [
      ...(lastContactMonth !== undefined && !(await periods.isSealed(lastContactMonth))
        ? [lastContactMonth]
        : []),
      periodOf(on),
      // A closing resumed after the month it began in was sealed: today's month.
      periodOf(todayOn(context.clock)),
    ].filter((month, at, all) => all.indexOf(month) === at);
    // Keyed with the series key: its command id names no series (a retry finds its receipt).
    const commandId = `ended\u0000${keyedName(key.naming, 'ended')}`;
    let coordinates = { interventionId: state.interventionId, unitId: state.unitId, period: periodOf(on) };
    for (const period of months) {
      coordinates = { interventionId: state.interventionId, unitId: state.unitId, period };
      const tag = sessionTag(key.naming, period);
      const here = coordinates;
      let { contacts } = counted;
      const marked = await recorder.writeSheet(here, commandId, (month) => {
        // The month as this append finds it: its sessions of the series replace those counted earlier.
        const counting = month.sessions.get(tag)?.sessions ?? 0;
        contacts = counted.contacts - (counted.byMonth.get(period) ?? 0) + counting;
        const ended: SeriesEnded | SeriesEndMarked = lengthTallied
          ? { type: 'SeriesEnded', data: { ...here, contacts, series: tag } }
          : { type: 'SeriesEndMarked', data: { ...here, series: tag } };
        return E.right([ended]);
      });
      if (E.isRight(marked)) return contacts;
      if (marked.left.code !== 'SHEET_SEALED')
        throw new Error(`could not mark the end of a series: ${marked.left.code}`);
    }
    // Today's month sealed (clocks apart): the amendment, in clear beside the record, is the last resort.
    if (!lengthTallied) return counted.contacts;
    const catalogue = catalogueInForceOn(await context.catalogues(), on);
    const amendment: SheetAmended = {
      type: 'SheetAmended',
      data: {
        ...coordinates,
        catalogueVersion: catalogue?.version ?? '',
        reason: 'series-ended-after-seal',
        delta: { ...emptySheetTables(), seriesLengths: { [String(counted.contacts)]: 1 } },
      },
    };
    const proofKey = await sealProofKey(keyRing);
    const amended = await writer.run({
      commandId,
      load: () => periods.load(coordinates.period),
      decide: (loaded) => E.right({ commandId, events: [provenAmendment(amendment, loaded, proofKey)] }),
      evolve: evolvePeriod,
    });
    if (E.isLeft(amended)) throw new Error(`could not amend a sealed sheet: ${amended.left.code}`);
    return counted.contacts;
  };

  /**
   * Pads the series stream to its bucket — its last write, after its end is tallied: a seal that
   * carried the sessions of a month to the series while it was closing is inside the padded size
   * (a seal carries nothing to a padded series; the expected revision orders the two).
   */
  const padded = async (stream: string, key: OpenKey): Promise<LoadedStream<SeriesState>> => {
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

  const closeSeries = async (input: CloseSeries): Promise<E.Either<Refusal, SeriesClosing>> => {
    const parsed = series.parseWithToken(CloseSeriesSchema, input);
    if (E.isLeft(parsed)) return parsed;
    return E.flatten(await writer.retryUnavailable(() => close(parsed.right.stream, parsed.right.reason)));
  };

  /** Closes every series idle for longer than the retention, as of the clock's today; finishes interrupted closings. */
  const expireSeries = async (
    retentionDays: number,
  ): Promise<{ readonly expired: number; readonly open: number }> => {
    const today = todayOn(context.clock);
    const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - retentionDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    let expired = 0;
    let open = 0;
    const { state } = await index.load();
    for (const stream of await roster()) {
      if (state.closed.has(stream)) {
        if ((await keyRing.existing(stream)) !== undefined) await finish(stream);
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

  return { closeSeries, expireSeries };
}
