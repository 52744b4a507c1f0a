import { catalogueVersion } from '../catalogue/catalogue-history.js';
import { hashHex } from '../envelope/event-hash.js';
import { accountForDeletion } from '../merkle/account-for-deletion.js';
import type { DeletedStream, SealedSheet } from '../sealing/period-events.js';
import type { RegistryState } from '../sealing/period-state.js';
import { periodKeyId } from '../streams.js';
import type { SheetCoordinates, SheetDetailEvent } from '../tally/events.js';
import { foldSheet } from '../tally/sheet-tables.js';
import type { LoadedStream } from './loaded-stream.js';
import type { SeriesRegistration } from './series-registration.js';
import type { ServiceContext } from './service-context.js';
import type { SessionCarrier } from './session-carrier.js';
import { closeSheet } from './sheet-closer.js';
import type { TallyRecorder } from './tally-recorder.js';
import { requireRegisteredDetail } from './unregistered-detail.js';

type SheetsByCoordinates = Map<string, { coordinates: SheetCoordinates; events: SheetDetailEvent[] }>;

/**
 * Adds a detail stream's sheets to `bySheet`, each with its own events (every event carries its
 * sheet's coordinates); the sheet the stream was registered for is among them even when empty.
 * Kept across streams, so a sheet with events on two streams (a month left open while the
 * library moved from one stream a sheet to one a month) is sealed once, with all of them.
 */
function addSheetsOf(
  bySheet: SheetsByCoordinates,
  events: readonly SheetDetailEvent[],
  registered: SheetCoordinates,
): void {
  const sheetOf = (coordinates: SheetCoordinates) => {
    const key = `${coordinates.interventionId}\u0000${coordinates.unitId}`;
    let sheet = bySheet.get(key);
    if (sheet === undefined) {
      sheet = { coordinates, events: [] };
      bySheet.set(key, sheet);
    }
    return sheet;
  };
  sheetOf(registered);
  for (const event of events) if (event.type !== 'SheetClosed') sheetOf(event.data).events.push(event);
}

const byCoordinates = (a: SealedSheet, b: SealedSheet) =>
  `${a.interventionId}/${a.unitId}` < `${b.interventionId}/${b.unitId}` ? -1 : 1;

/**
 * A closed registry's month, made ready for its seal: every detail stream it registered closed and
 * folded into its sheets' tables, each open series' sessions of the month carried to its stream
 * and the series opened in the month indexed (before the registry goes), and the streams to
 * delete with their final roots and growth proofs (for the log's tree: so rewriting an open sheet,
 * then sealing it, is caught).
 */
export function createSealedSheets(
  context: ServiceContext,
  recorder: TallyRecorder,
  carrySessions: SessionCarrier,
  indexSeries: SeriesRegistration['indexMonth'],
) {
  const { keyRing, store } = context;
  return async (
    period: string,
    registry: LoadedStream<RegistryState>,
  ): Promise<{ sheets: SealedSheet[]; deleted: DeletedStream[] }> => {
    const key = await keyRing.existing(periodKeyId(period));
    if (key === undefined) throw new Error(`the key of ${period} is gone but the period is not sealed`);
    await requireRegisteredDetail(store, period, key, {
      stream: registry.stream,
      registered: registry.state.registered,
    });
    const history = await context.catalogues();
    const deleted: DeletedStream[] = [];
    const bySheet: SheetsByCoordinates = new Map();
    const detail: SheetDetailEvent[] = [];
    for (const [stream, registered] of [...registry.state.registered].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const closed = await closeSheet(context, recorder, { stream, coordinates: registered, key });
      addSheetsOf(bySheet, closed.events, registered);
      deleted.push(closed.head);
      detail.push(...closed.events);
    }
    // The detail is closed: each open series' sessions of the month go to its stream before it is
    // shredded, and the series opened in the month are indexed, in one batch, before the registry goes.
    await carrySessions(period, detail);
    await indexSeries(period, registry.state.series);
    const sheets: SealedSheet[] = [];
    for (const { coordinates, events } of bySheet.values()) {
      const crossTabulations = (version: string) =>
        catalogueVersion(history, version)?.interventions.find(
          (policy) => policy.id === coordinates.interventionId,
        )?.tally.contact?.crossTabulations ?? [];
      const versions = events.flatMap((event) =>
        'catalogueVersion' in event.data ? [event.data.catalogueVersion] : [],
      );
      sheets.push({
        interventionId: coordinates.interventionId,
        unitId: coordinates.unitId,
        catalogueVersions: [...new Set(versions)].sort(),
        tables: foldSheet(events, crossTabulations),
      });
    }
    if (registry.link !== undefined)
      deleted.push({
        stream: registry.stream,
        size: registry.link.revision + 1,
        head: hashHex(registry.link.hash),
      });
    const proofs = await accountForDeletion(
      store,
      deleted.map((stream) => stream.stream),
    );
    const accounted = deleted.map((stream) => ({ ...stream, ...proofs.get(stream.stream) }));
    return {
      sheets: sheets.sort(byCoordinates),
      deleted: accounted.sort((a, b) => (a.stream < b.stream ? -1 : 1)),
    };
  };
}
