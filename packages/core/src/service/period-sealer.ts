import * as E from 'fp-ts/lib/Either.js';
import { writeLogCheckpoint } from '../merkle/log-writer.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { PeriodState } from '../sealing/period-state.js';
import { type SealPeriod, SealPeriodSchema } from '../sealing/seal-period-command.js';
import { periodKeyId } from '../streams.js';
import { parseInput } from '../tally/parse-tally-command.js';
import { periodKeyLost } from './period-key-lost.js';
import type { PeriodLoader } from './period-loader.js';
import { requireProvenSeal, sealProofKey } from './proven-seal.js';
import { createRegistryCloser } from './registry-closer.js';
import { createSealWriter } from './seal-writer.js';
import { createSealedSheets } from './sealed-sheets.js';
import type { SeriesRegistration } from './series-registration.js';
import type { ServiceContext } from './service-context.js';
import type { SessionCarrier } from './session-carrier.js';
import type { SheetCache } from './sheet-cache.js';
import type { TallyRecorder } from './tally-recorder.js';

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

  const closeRegistry = createRegistryCloser(context, periods);
  const sealedSheets = createSealedSheets(context, recorder, carrySessions, indexSeries);
  const writeSeal = createSealWriter(context, periods);

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
