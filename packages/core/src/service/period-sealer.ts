import * as E from 'fp-ts/lib/Either.js';
import { catalogueVersion } from '../catalogue/catalogue-history.js';
import { PeriodSchema } from '../catalogue/identifiers.js';
import { plainCodec } from '../envelope/event-codec.js';
import { deriveEventId } from '../envelope/event-id.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { PeriodSealed, SheetSealed } from '../sealing/period-events.js';
import { evolvePeriod, sheetKey } from '../sealing/period-state.js';
import { periodKeyId, periodStream } from '../streams.js';
import type { SheetClosed, SheetCoordinates, SheetDetailEvent } from '../tally/events.js';
import { foldSheet } from '../tally/sheet-tables.js';
import { tallySheetDecider } from '../tally/tally-sheet-decider.js';
import type { OpenKey } from './key-ring.js';
import type { PeriodLoader } from './period-loader.js';
import type { ServiceContext } from './service-context.js';
import type { TallyRecorder } from './tally-recorder.js';

/** What sealing a period did. */
export interface SealReport {
  readonly period: string;
  /** Sheets sealed in the period, in all runs. */
  readonly sheets: number;
  /** Sheets this run sealed (0 when an earlier run had finished them). */
  readonly sealedNow: number;
  /** The period key id, now destroyed. */
  readonly keyId: string;
}

/** The first day a period may be sealed: the month after it, plus the grace days. */
export function earliestSealDate(period: string, graceDays: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const firstOfNext = Date.UTC(year, month, 1);
  return new Date(firstOfNext + graceDays * 86_400_000).toISOString().slice(0, 10);
}

const plain = { codec: plainCodec };

/** Seals periods: sheet tables as events, then the period key destroyed. Idempotent and crash-safe. */
export function createPeriodSealer(
  context: ServiceContext,
  periods: PeriodLoader,
  recorder: TallyRecorder,
  graceDays: number,
) {
  const { writer, keyRing, store } = context;

  /** Closes a sheet for writing and returns every detail event on it, decrypted. */
  const closeAndRead = async (
    stream: string,
    key: OpenKey,
    coordinates: SheetCoordinates,
  ): Promise<SheetDetailEvent[]> => {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const sheet = await recorder.loadSheet({ stream, key });
      if (!sheet.state.closed) {
        const closing: SheetClosed = { type: 'SheetClosed', data: coordinates };
        const appended = await writer.append(
          sheet,
          { commandId: deriveEventId(stream, 'close', 0), events: [closing], storage: () => key.storage },
          tallySheetDecider.evolve,
        );
        if (appended === undefined) continue; // a tally got in first: read again, it will be in the tables
      }
      const events: SheetDetailEvent[] = [];
      for await (const recorded of store.readStream(stream)) {
        events.push({ type: recorded.type, data: key.decode(recorded) } as unknown as SheetDetailEvent);
      }
      return events;
    }
    throw new Error(`could not close sheet ${stream}: too many concurrent writers`);
  };

  const sealPeriod = async (input: string): Promise<E.Either<Refusal, SealReport>> => {
    const parsed = PeriodSchema.safeParse(input);
    if (!parsed.success)
      return E.left(refuse.invalidInput([{ path: '/period', message: 'a month as YYYY-MM' }]));
    const period = parsed.data;
    const earliest = earliestSealDate(period, graceDays);
    if (todayOn(context.clock) < earliest) return E.left(refuse.sealTooEarly(period, earliest));
    const keyId = periodKeyId(period);
    let sealedNow = 0;

    for (let attempt = 0; attempt < 50; attempt += 1) {
      let loaded = await periods.load(period);
      if (loaded.state.sealed) {
        await keyRing.destroy(keyId); // finishes a run that stopped between the two steps
        return E.right({ period, sheets: loaded.state.sealedSheets.size, sealedNow, keyId });
      }
      const key = await keyRing.existing(keyId);
      if (key === undefined && loaded.state.registrations > 0) {
        throw new Error(
          `the key of ${period} is gone but the period is not sealed: its detail cannot be summarised`,
        );
      }
      const history = await context.catalogues();
      const crossTabulationsOf = (coordinates: SheetCoordinates) => (version: string) =>
        catalogueVersion(history, version)?.interventions.find(
          (policy) => policy.id === coordinates.interventionId,
        )?.tally.contact?.crossTabulations ?? [];

      let conflicted = false;
      for (const [stream, coordinates] of loaded.state.registered) {
        if (loaded.state.sealedSheets.has(sheetKey(coordinates)) || key === undefined) continue;
        const events = await closeAndRead(stream, key, coordinates);
        const tallies = events.filter((event) => event.type !== 'SheetClosed');
        const sealedSheet: SheetSealed = {
          type: 'SheetSealed',
          data: {
            ...coordinates,
            catalogueVersions: [
              ...new Set(
                tallies.flatMap((event) =>
                  'catalogueVersion' in event.data ? [event.data.catalogueVersion] : [],
                ),
              ),
            ].sort(),
            detailEvents: tallies.length,
            tables: foldSheet(events, crossTabulationsOf(coordinates)),
          },
        };
        const appended = await writer.append(
          loaded,
          {
            commandId: deriveEventId(periodStream(period), sheetKey(coordinates), 0),
            events: [sealedSheet],
            storage: () => plain,
          },
          evolvePeriod,
        );
        if (appended === undefined) {
          conflicted = true;
          break;
        }
        loaded = appended;
        periods.remember(period, loaded);
        sealedNow += 1;
      }
      if (conflicted) continue;

      const sealed: PeriodSealed = {
        type: 'PeriodSealed',
        data: { period, sheets: loaded.state.sealedSheets.size, keyId },
      };
      const appended = await writer.append(
        loaded,
        {
          commandId: deriveEventId(periodStream(period), 'sealed', 0),
          events: [sealed],
          storage: () => plain,
        },
        evolvePeriod,
      );
      if (appended === undefined) continue; // a sheet was registered meanwhile: seal it too
      periods.remember(period, appended);
      await keyRing.destroy(keyId);
      return E.right({ period, sheets: appended.state.sealedSheets.size, sealedNow, keyId });
    }
    return E.left(refuse.concurrencyConflict(periodStream(period)));
  };

  return { sealPeriod };
}
