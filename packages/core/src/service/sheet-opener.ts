import * as E from 'fp-ts/lib/Either.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { SheetRegistered } from '../sealing/period-events.js';
import { evolveRegistry } from '../sealing/period-state.js';
import { periodKeyId, registryStream, tallySheetStream } from '../streams.js';
import type { SheetCoordinates } from '../tally/events.js';
import { sleep } from './backoff.js';
import { periodKeyLost } from './period-key-lost.js';
import type { PeriodLoader } from './period-loader.js';
import type { ServiceContext } from './service-context.js';
import type { OpenSheet, SheetCache } from './sheet-cache.js';

/** Finds (or registers) the sheet of some coordinates. */
export type SheetOpener = (
  coordinates: SheetCoordinates,
  create: boolean,
) => Promise<E.Either<Refusal, OpenSheet | undefined>>;

/**
 * Finds a sheet's stream, registering it in its period's registry first when it is new
 * (registration before the first tally: a crash in between leaves an empty sheet, never an
 * unsealable one). A sealed period, a registry closed for sealing, or a month whose key was
 * destroyed outside the library refuses.
 */
export function createSheetOpener(
  context: ServiceContext,
  periods: PeriodLoader,
  cache: SheetCache,
): SheetOpener {
  const { writer, keyRing } = context;
  return async (coordinates, create) => {
    const keyId = periodKeyId(coordinates.period);
    const sealed = (): E.Either<Refusal, never> =>
      E.left(
        refuse.sheetSealed(
          { interventionId: coordinates.interventionId, clause: 'sealing/period' },
          coordinates.period,
        ),
      );
    // Met a registry closed or deleted for the seal: a key this writer made for the month must
    // not outlive the seal, which may have destroyed the month's key before it was made again.
    const sealedAfterKey = async (): Promise<E.Either<Refusal, never>> => {
      if (create && (await periods.isSealed(coordinates.period))) await keyRing.destroy(keyId);
      return sealed();
    };
    for (let attempt = 0; attempt < 20; attempt += 1) {
      if (attempt > 0) await sleep(Math.random() * Math.min(200, 2 ** attempt));
      // A key made for this period by a writer that raced the seal must not survive it — if the
      // seal is the operator's: a forged one destroyed an open month's key (attack 27). A seal that
      // is not the operator's is no seal: the month is open (a forged one made every tally and
      // every closing of a series ending in it throw — attack 31).
      if (await periods.isSealed(coordinates.period)) {
        await keyRing.destroy(keyId);
        return sealed();
      }
      if (await periodKeyLost(context, coordinates.period))
        return E.left(refuse.periodKeyLost(coordinates.period));
      const key = create ? await keyRing.create(keyId) : await keyRing.existing(keyId);
      if (key === undefined) return E.right(undefined);
      const registry = await periods.loadRegistry(coordinates.period);
      if (registry.state.closed) return sealedAfterKey();
      const stream = tallySheetStream(coordinates, key.naming);
      const sheet: OpenSheet = { stream, coordinates, key };
      if (registry.state.registered.has(stream)) {
        cache.register(sheet);
        return E.right(sheet);
      }
      if (!create) return E.right(sheet);
      const registration: SheetRegistered = { type: 'SheetRegistered', data: { ...coordinates, stream } };
      const appended = await writer.append(
        registry,
        { commandId: `register\u0000${stream}`, events: [registration], privacy: { key, kind: 'registry' } },
        evolveRegistry,
      );
      if (appended.kind === 'deleted') return sealedAfterKey();
      if (appended.kind === 'appended') {
        periods.rememberRegistry(coordinates.period, appended.loaded);
        cache.register(sheet);
        return E.right(sheet);
      }
    }
    return E.left(refuse.concurrencyConflict(registryStream(coordinates.period)));
  };
}
