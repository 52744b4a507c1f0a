import * as E from 'fp-ts/lib/Either.js';
import { catalogueVersion } from '../catalogue/catalogue-history.js';
import { hashHex } from '../envelope/event-hash.js';
import { accountForDeletion } from '../merkle/account-for-deletion.js';
import { writeLogCheckpoint } from '../merkle/log-writer.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type {
  DeletedStream,
  PeriodSealed,
  RegistryClosed,
  SealedSheet,
  SheetsSealed,
} from '../sealing/period-events.js';
import {
  evolvePeriod,
  evolveRegistry,
  type PeriodState,
  type RegistryState,
} from '../sealing/period-state.js';
import { type SealPeriod, SealPeriodSchema } from '../sealing/seal-period-command.js';
import { sealProof, tablesDigest } from '../sealing/seal-proof.js';
import { periodKeyId } from '../streams.js';
import type { SheetCoordinates, SheetDetailEvent } from '../tally/events.js';
import { parseInput } from '../tally/parse-tally-command.js';
import { foldSheet } from '../tally/sheet-tables.js';
import type { LoadedStream } from './loaded-stream.js';
import { periodKeyLost } from './period-key-lost.js';
import type { PeriodLoader } from './period-loader.js';
import { requireProvenSeal, sealProofKey } from './proven-seal.js';
import type { SeriesRegistration } from './series-registration.js';
import type { ServiceContext } from './service-context.js';
import type { SessionCarrier } from './session-carrier.js';
import type { SheetCache } from './sheet-cache.js';
import { closeSheet } from './sheet-closer.js';
import type { TallyRecorder } from './tally-recorder.js';
import { requireRegisteredDetail } from './unregistered-detail.js';

/** What sealing a period did. */
export interface SealReport {
  readonly period: string;
  /** Sheets in the period's sealed tables. */
  readonly sheets: number;
  /** True when this call wrote the seal (false when an earlier call had). */
  readonly sealedNow: boolean;
  /** Streams deleted (the sheets' detail and the registry), in all calls. */
  readonly deletedStreams: number;
  /** The period key id, now destroyed. */
  readonly keyId: string;
}

/** The first day a period may be sealed: the month after it, plus the grace days. */
export function earliestSealDate(period: string, graceDays: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const firstOfNext = Date.UTC(year, month, 1);
  return new Date(firstOfNext + graceDays * 86_400_000).toISOString().slice(0, 10);
}

// Tables are written in events of at most about this many characters of JSON, well inside
// every store's append limit.
const TABLES_PER_EVENT_CHARS = 200_000;

function chunked(sheets: readonly SealedSheet[]): SealedSheet[][] {
  const chunks: SealedSheet[][] = [[]];
  let size = 0;
  for (const sheet of sheets) {
    const length = JSON.stringify(sheet).length;
    if (size + length > TABLES_PER_EVENT_CHARS && (chunks.at(-1) as SealedSheet[]).length > 0) {
      chunks.push([]);
      size = 0;
    }
    (chunks.at(-1) as SealedSheet[]).push(sheet);
    size += length;
  }
  return chunks;
}

/**
 * Adds a detail stream's sheets to `bySheet`, each with its own events (every event carries its
 * sheet's coordinates); the sheet the stream was registered for is among them even when empty.
 * Kept across streams, so a sheet with events on two streams (a month left open while the
 * library moved from one stream a sheet to one a month) is sealed once, with all of them.
 */
function addSheetsOf(
  bySheet: Map<string, { coordinates: SheetCoordinates; events: SheetDetailEvent[] }>,
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

/**
 * Seals periods. The registry is closed (no new sheet), the month's detail stream is closed and
 * every sheet on it folded into its tables, the tables are written sorted by coordinates, then `PeriodSealed` lists the
 * streams about to be deleted; then they are deleted and the key destroyed. Crash-safe: a
 * seal stopped at any step completes when run again, deletions included.
 */
export function createPeriodSealer(
  context: ServiceContext,
  periods: PeriodLoader,
  cache: SheetCache,
  recorder: TallyRecorder,
  carrySessions: SessionCarrier,
  indexSeries: SeriesRegistration['indexMonth'],
  graceDays: number,
) {
  const { writer, keyRing, store } = context;

  /** Deletes what the seal lists, destroys the key, forgets every cached subkey and name. */
  const shred = async (period: string, state: PeriodState): Promise<void> => {
    await store.deleteStreams(state.deleted.map((deleted) => deleted.stream));
    await keyRing.destroy(periodKeyId(period));
    cache.forgetPeriod(period);
    periods.forget(period);
  };

  /**
   * Closes the registry (no new sheet from now on); returns it closed. Also a month with no
   * sheet yet: its registry is written closed (under a period key made for it), so a tally in
   * flight that still read the month as open cannot register a sheet after the seal — an
   * empty month once sealed with no registry at all let such tallies land on a sheet nothing
   * counted or deleted.
   */
  const closeRegistry = async (period: string): Promise<LoadedStream<RegistryState>> => {
    const key = await keyRing.create(periodKeyId(period));
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const registry = await periods.loadRegistry(period);
      if (registry.state.closed) return registry;
      const closing: RegistryClosed = { type: 'RegistryClosed', data: { period } };
      const appended = await writer.append(
        registry,
        { commandId: `close-registry\u0000${period}`, events: [closing], privacy: { key, kind: 'registry' } },
        evolveRegistry,
      );
      if (appended.kind === 'appended') {
        periods.rememberRegistry(period, appended.loaded);
        return appended.loaded;
      }
      if (appended.kind === 'deleted')
        throw new Error(`the registry of ${period} was deleted before the seal`);
    }
    throw new Error(`could not close the registry of ${period}: too many concurrent writers`);
  };

  const sealedSheets = async (period: string, registry: LoadedStream<RegistryState>) => {
    const key = await keyRing.existing(periodKeyId(period));
    if (key === undefined) throw new Error(`the key of ${period} is gone but the period is not sealed`);
    await requireRegisteredDetail(store, period, key, {
      stream: registry.stream,
      registered: registry.state.registered,
    });
    const history = await context.catalogues();
    const sheets: SealedSheet[] = [];
    const deleted: DeletedStream[] = [];
    const bySheet = new Map<string, { coordinates: SheetCoordinates; events: SheetDetailEvent[] }>();
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
    // For the log's tree: each stream's final root, and proofs that it only grew since every
    // size a signed checkpoint committed to — so rewriting an open sheet, then sealing it, is caught.
    const proofs = await accountForDeletion(
      store,
      deleted.map((stream) => stream.stream),
    );
    const accounted = deleted.map((stream) => ({ ...stream, ...proofs.get(stream.stream) }));
    const byCoordinates = (a: SealedSheet, b: SealedSheet) =>
      `${a.interventionId}/${a.unitId}` < `${b.interventionId}/${b.unitId}` ? -1 : 1;
    return {
      sheets: sheets.sort(byCoordinates),
      deleted: accounted.sort((a, b) => (a.stream < b.stream ? -1 : 1)),
    };
  };

  /** Writes the tables and the seal, skipping what an earlier, interrupted run wrote. */
  const writeSeal = async (
    period: string,
    sheets: readonly SealedSheet[],
    deleted: readonly DeletedStream[],
    proofKey: Uint8Array,
  ) => {
    const chunks = chunked(sheets);
    const seal = {
      period,
      keyId: periodKeyId(period),
      sheets: sheets.length,
      deleted,
      tables: tablesDigest(sheets),
    };
    const plans = [
      ...chunks.map((chunk, index) => ({
        commandId: `seal\u0000${period}\u0000tables\u0000${index}`,
        events: [{ type: 'SheetsSealed', data: { period, sheets: chunk } } satisfies SheetsSealed],
      })),
      {
        commandId: `seal\u0000${period}`,
        events: [
          {
            type: 'PeriodSealed',
            data: { ...seal, proof: sealProof(proofKey, seal) },
          } satisfies PeriodSealed,
        ],
      },
    ];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      let loaded = await periods.load(period);
      let conflicted = false;
      for (const plan of plans) {
        if ((await loaded.receipts.find(plan.commandId)) !== undefined) continue;
        const appended = await writer.append(loaded, plan, evolvePeriod);
        if (appended.kind !== 'appended') {
          conflicted = true;
          break;
        }
        loaded = appended.loaded;
        periods.remember(period, loaded);
      }
      if (!conflicted) return loaded;
    }
    throw new Error(`could not write the seal of ${period}: too many concurrent writers`);
  };

  const sealPeriod = async (input: SealPeriod): Promise<E.Either<Refusal, SealReport>> => {
    const parsed = parseInput(SealPeriodSchema, input);
    if (E.isLeft(parsed)) return parsed;
    const { period } = parsed.right;
    const earliest = earliestSealDate(period, graceDays);
    if (todayOn(context.clock) < earliest) return E.left(refuse.sealTooEarly(period, earliest));
    const keyId = periodKeyId(period);
    return writer
      .retryUnavailable(async (): Promise<E.Either<Refusal, SealReport>> => {
        let sealed = await periods.load(period);
        let sealedNow = false;
        if (!sealed.state.sealed) {
          // Its tables cannot be computed without the key, and a new key would not open the registry.
          if (await periodKeyLost(context, period)) return E.left(refuse.periodKeyLost(period));
          const registry = await closeRegistry(period);
          const { sheets, deleted } = await sealedSheets(period, registry);
          sealed = await writeSeal(period, sheets, deleted, await sealProofKey(keyRing));
          sealedNow = true;
        }
        // Only a seal the operator wrote is acted on (attacks 26 and 27).
        requireProvenSeal(sealed, await sealProofKey(keyRing));
        const state = sealed.state;
        await shred(period, state);
        // Every seal signs the log as it now stands, so what was deleted is accounted for by a checkpoint.
        await writeLogCheckpoint({ store, keys: context.keys, clock: context.clock });
        return E.right({
          period,
          sheets: state.sheets,
          sealedNow,
          deletedStreams: state.deleted.length,
          keyId,
        });
      })
      .then(E.flatten);
  };

  return { sealPeriod };
}
