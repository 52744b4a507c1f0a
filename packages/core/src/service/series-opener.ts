import * as E from 'fp-ts/lib/Either.js';
import { catalogueInForceOn } from '../catalogue/catalogue-history.js';
import { hmacSha256 } from '../crypto/hmac.js';
import { todayOn } from '../ports/clock.js';
import type { Random } from '../ports/random.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { type OpenSeries, OpenSeriesSchema } from '../series/series-commands.js';
import type { SeriesOpened } from '../series/series-events.js';
import { evolveSeries } from '../series/series-state.js';
import { newSeriesToken, normaliseSeriesToken } from '../series/series-token.js';
import { checkRecordingAllowed } from '../tally/check-policy.js';
import { parseInput } from '../tally/parse-tally-command.js';
import { periodOf } from '../tally/tally-sheet-decider.js';
import { commandDigest } from './command-digest.js';
import type { SeriesIndex } from './series-index.js';
import type { SeriesRegistration } from './series-registration.js';
import { type SeriesStore, seriesStreamOf } from './series-store.js';
import type { ServiceContext } from './service-context.js';
import { previousOutcome } from './stream-writer.js';

/** An opened series: the token to write down, and what it is for. */
export interface OpenedSeries {
  readonly commandId: string;
  readonly token: string;
  readonly interventionId: string;
  readonly unitId: string;
  readonly maxContacts?: number;
}

/** The key id of the secret series tokens are derived from (never destroyed). */
export const SERIES_TOKEN_KEY_ID = 'series-tokens';

/**
 * Opens series. The token is drawn from a keyed hash of the command id under a secret kept in
 * the key store, so a retried `OpenSeries` returns the same token and opens nothing new — and
 * nobody without that secret can tell a token from the command id (which is stored nowhere in
 * clear). The series is written down first — in its month's registry, indexed at the month's
 * seal: a crash before the series stream leaves an entry expiry skips, never a series expiry
 * cannot find.
 */
export function createSeriesOpener(
  context: ServiceContext,
  series: SeriesStore,
  index: SeriesIndex,
  registration: SeriesRegistration,
) {
  const { writer, keyRing } = context;
  const openSeries = async (input: OpenSeries): Promise<E.Either<Refusal, OpenedSeries>> => {
    const parsed = parseInput(OpenSeriesSchema, input, undefined, await context.vocabulary());
    if (E.isLeft(parsed)) return parsed;
    const command = parsed.right;
    const { commandId, interventionId, unitId } = command;
    const today = todayOn(context.clock);
    const catalogue = catalogueInForceOn(await context.catalogues(), today);
    if (catalogue === undefined)
      return E.left(refuse.noCatalogueInForce({ clause: 'catalogue/effectiveFrom' }, today));
    const allowed = checkRecordingAllowed(catalogue, interventionId, unitId, 'contact');
    if (E.isLeft(allowed)) return allowed;
    const { policy, rule } = allowed.right;
    if (policy.series === undefined) {
      return E.left(
        refuse.seriesNotOffered(
          { ...rule, clause: `interventions/${policy.id}/series` },
          policy.name,
          policy.id,
        ),
      );
    }
    const secret = await keyRing.create(SERIES_TOKEN_KEY_ID);
    const derived: Random = {
      bytes: (length) => hmacSha256(secret.naming, `token\u0000${commandId}`).subarray(0, length),
    };
    const token = newSeriesToken(derived);
    const stream = seriesStreamOf(normaliseSeriesToken(token) as string);
    const opened: OpenedSeries = {
      commandId,
      token,
      interventionId,
      unitId,
      ...(policy.series.maxContacts === undefined ? {} : { maxContacts: policy.series.maxContacts }),
    };
    const digest = commandDigest(command);
    return writer
      .retryUnavailable(async () => {
        const existing = await series.load(stream);
        if (existing.loaded.link !== undefined) {
          // The same command id opened this series before: a retry, or the id reused for other content.
          const previous = await previousOutcome(existing.loaded.receipts, commandId, digest);
          if (previous !== undefined && E.isLeft(previous)) return previous;
          return existing.key === undefined || existing.loaded.state.closing !== undefined
            ? E.left(refuse.seriesClosed())
            : E.right(opened);
        }
        // Retried after the series was closed: its stream is gone, and no key is made for it again.
        if ((await index.load()).state.closed.has(stream)) return E.left(refuse.seriesClosed());
        const entry = await registration.register(stream, periodOf(today));
        if (E.isLeft(entry)) return entry;
        const key = await keyRing.create(stream);
        const event: SeriesOpened = {
          type: 'SeriesOpened',
          data: { interventionId, unitId, openedOn: today },
        };
        const written = await writer.run({
          commandId,
          digest,
          load: async () => (await series.load(stream)).loaded,
          decide: () => E.right({ commandId, digest, events: [event], privacy: { key, kind: 'series' } }),
          evolve: evolveSeries,
          remember: series.remember,
          deleted: refuse.seriesClosed,
        });
        // Closed by another process meanwhile: the key made for it here goes too.
        if (E.isLeft(written) && written.left.code === 'SERIES_CLOSED') await keyRing.destroy(stream);
        return E.map(() => opened)(written);
      })
      .then(E.flatten);
  };
  return { openSeries };
}
