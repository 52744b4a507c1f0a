import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { catalogueInForceOn } from '../catalogue/catalogue-history.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import { readInput } from '../input/read-input.js';
import { todayOn } from '../ports/clock.js';
import type { Refusal } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import { emptySeries, evolveSeries, type SeriesState } from '../series/series-state.js';
import { normaliseSeriesToken } from '../series/series-token.js';
import type { OpenKey } from './key-ring.js';
import { catchUp, emptyStream, type LoadedStream } from './loaded-stream.js';
import type { SeriesIndex } from './series-index.js';
import type { ServiceContext } from './service-context.js';
import { sealerOf } from './tally-recorder.js';

/** The stream (and key id) of a series: a hash of its token, which is itself never stored. */
export function seriesStreamOf(canonicalToken: string): string {
  return `series-${createHash('sha256').update(`pinnstatistik/series\u0000${canonicalToken}`).digest('hex').slice(0, 32)}`;
}

/** A series loaded with its key (absent once closed). */
export interface LoadedSeries {
  readonly loaded: LoadedStream<SeriesState>;
  readonly key: OpenKey | undefined;
}

/** Reads series streams, finds their policy, parses commands that carry a token. */
export interface SeriesStore {
  load(stream: string): Promise<LoadedSeries>;
  /** The open series behind a stream, or why it cannot be used. */
  openable(stream: string): Promise<E.Either<Refusal, { loaded: LoadedStream<SeriesState>; key: OpenKey }>>;
  /** The policy in force today for the series' intervention. */
  policyOf(state: SeriesState): Promise<InterventionPolicy | undefined>;
  /** Parses a command with a token: the token checked (typos caught), the rest through the door. */
  parseWithToken<Schema extends z.ZodType<{ token: string }>>(
    schema: Schema,
    input: unknown,
    vocabulary?: ReadonlySet<string>,
  ): E.Either<Refusal, z.infer<Schema> & { stream: string }>;
}

/** A series store for a service. */
export function createSeriesStore(context: ServiceContext, index: SeriesIndex): SeriesStore {
  const load: SeriesStore['load'] = async (stream) => {
    const key = await context.keyRing.existing(stream);
    const loaded = await catchUp(
      context.store,
      emptyStream(stream, emptySeries),
      key === undefined ? () => undefined : sealerOf(key),
      evolveSeries,
    );
    return { loaded, key };
  };
  return {
    load,
    async openable(stream) {
      const { loaded, key } = await load(stream);
      if (key === undefined || loaded.link === undefined) {
        // A closed series' stream is deleted: only the index remembers that it existed.
        const closed = loaded.link !== undefined || (await index.load()).state.closed.has(stream);
        return E.left(closed ? refuse.seriesClosed() : refuse.unknownSeries());
      }
      if (loaded.state.closing !== undefined) return E.left(refuse.seriesClosed());
      return E.right({ loaded, key });
    },
    async policyOf(state) {
      const catalogue = catalogueInForceOn(await context.catalogues(), todayOn(context.clock));
      return catalogue?.interventions.find((policy) => policy.id === state.interventionId);
    },
    parseWithToken(schema, input, vocabulary) {
      // The token's random letters and digits are no personal data (its check character
      // catches typos): it is snapshotted and length-checked, everything else is also scanned.
      const parsed = readInput(schema, input, {
        unscanned: ['token'],
        ...(vocabulary === undefined ? {} : { vocabulary }),
      });
      if (E.isLeft(parsed)) return parsed;
      const canonical = normaliseSeriesToken(parsed.right.token);
      if (canonical === undefined) return E.left(refuse.invalidSeriesToken());
      return E.right({ ...parsed.right, stream: seriesStreamOf(canonical) });
    },
  };
}
