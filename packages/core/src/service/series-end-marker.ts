import * as E from 'fp-ts/lib/Either.js';
import { catalogueInForceOn } from '../catalogue/catalogue-history.js';
import { talliesSeriesLengths } from '../catalogue/series-policy.js';
import { keyedName } from '../crypto/key-derivation.js';
import { todayOn } from '../ports/clock.js';
import type { SheetAmended } from '../sealing/period-events.js';
import { evolvePeriod } from '../sealing/period-state.js';
import type { SeriesState } from '../series/series-state.js';
import { sessionTag } from '../series/session-tag.js';
import type { SeriesEnded, SeriesEndMarked } from '../tally/events.js';
import { emptySheetTables } from '../tally/sheet-tables.js';
import { periodOf } from '../tally/tally-sheet-decider.js';
import type { OpenKey } from './key-ring.js';
import type { LoadedStream } from './loaded-stream.js';
import type { PeriodLoader } from './period-loader.js';
import { provenAmendment } from './proven-amendment.js';
import { sealProofKey } from './proven-seal.js';
import type { SessionCounter } from './series-sessions.js';
import type { SeriesStore } from './series-store.js';
import type { ServiceContext } from './service-context.js';
import type { TallyRecorder } from './tally-recorder.js';

/**
 * Tallies the series' end on a sheet, inside its sealed detail: the month of its last contact
 * while that month is open, else the month it closes in (always open) — never as a clear
 * amendment written beside the closing record, which would tie the two together. The end
 * carries the series' tag for the month, and its length counts that month's sessions as the
 * append finds them: a session racing the closing either is counted or meets the end and is
 * refused. Answers the length.
 */
export function createSeriesEndMarker(
  context: ServiceContext,
  series: SeriesStore,
  recorder: TallyRecorder,
  periods: PeriodLoader,
  countSessions: SessionCounter,
) {
  const { writer, keyRing } = context;
  return async (loaded: LoadedStream<SeriesState>, key: OpenKey, on: string): Promise<number> => {
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
}
