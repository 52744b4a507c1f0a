import { hash } from 'node:crypto';
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
import { catchUp, catchUpKept, emptyStream, type LoadedStream } from './loaded-stream.js';
import { sealerOf } from './sealer-of.js';
import type { SeriesIndex } from './series-index.js';
import type { ServiceContext } from './service-context.js';

/** The stream (and key id) of a series: a hash of its token, which is itself never stored. */
export function seriesStreamOf(canonicalToken: string): string {
  return `series-${hash('sha256', `pinnstatistik/series\u0000${canonicalToken}`, 'buffer').toString('hex', 0, 16)}`;
}

/** A series loaded with its key (absent once closed). */
export interface LoadedSeries {
  readonly loaded: LoadedStream<SeriesState>;
  readonly key: OpenKey | undefined;
}

/** Reads series streams, finds their policy, parses commands that carry a token. */
export interface SeriesStore {
  /** The series as stored now (caught up from what this process kept of it, when that is still there). */
  load(stream: string): Promise<LoadedSeries>;
  /** Keeps what a writer appended, so the next load does not read and decrypt it again. */
  remember(loaded: LoadedStream<SeriesState>): void;
  /** Forgets what this process kept of a series (it is being closed). */
  forget(stream: string): void;
  /** The open series behind a stream, or why it cannot be used. */
  openable(stream: string): Promise<E.Either<Refusal, { loaded: LoadedStream<SeriesState>; key: OpenKey }>>;
  /** The policy in force today for the series' intervention. */
  policyOf(state: SeriesState): Promise<InterventionPolicy | undefined>;
  /** Parses a command with a token: the token checked (typos caught), the rest through the door. */
  parseWithToken<Schema extends z.ZodType<{ token: string }>>(
    schema: Schema,
    input: unknown,
    vocabulary?: ReadonlySet<string>,
    fastPath?: (input: unknown) => z.infer<Schema> | undefined,
  ): E.Either<Refusal, z.infer<Schema> & { stream: string }>;
}

/** Open series this process keeps folded between commands (least recently used out first). */
const KEPT_SERIES = 256;

/**
 * A series store for a service. Open series are kept folded between commands, so a session
 * reads and decrypts only what is new, not the whole series again (a series of k sessions cost
 * O(k²) decryptions). What is kept is confirmed against the stream on every load: once the
 * stream is deleted (closed here or by another process) nothing kept is answered, and a series
 * whose key is gone is never kept.
 */
export function createSeriesStore(context: ServiceContext, index: SeriesIndex): SeriesStore {
  const kept = new Map<string, LoadedStream<SeriesState>>();
  // A series' key id is its stream: once the key is forgotten, so is everything read with it.
  context.keyRing.onForget((keyId) => kept.delete(keyId));
  const keep = (loaded: LoadedStream<SeriesState>): void => {
    kept.delete(loaded.stream);
    kept.set(loaded.stream, loaded);
    if (kept.size > KEPT_SERIES) kept.delete(kept.keys().next().value as string);
  };
  const readWithKey = async (stream: string, key: OpenKey): Promise<LoadedStream<SeriesState>> => {
    const earlier = kept.get(stream);
    const resumed =
      earlier === undefined
        ? undefined
        : await catchUpKept(context.store, earlier, sealerOf(key), evolveSeries);
    return (
      resumed ?? (await catchUp(context.store, emptyStream(stream, emptySeries), sealerOf(key), evolveSeries))
    );
  };
  const load: SeriesStore['load'] = async (stream) => {
    const key = await context.keyRing.existing(stream);
    if (key !== undefined) {
      try {
        const loaded = await readWithKey(stream, key);
        // A key forgotten while this read awaited the store (the series closed, here or
        // elsewhere): what was read is neither kept nor answered; the series is read again as
        // a reader without its key sees it.
        if (context.keyRing.isOpen(key)) {
          if (loaded.link === undefined) kept.delete(stream);
          else keep(loaded);
          return { loaded, key };
        }
      } catch (error) {
        // Its subkeys zeroed under this read make its events fail to open: that is no tampering.
        if (context.keyRing.isOpen(key)) throw error;
      }
    }
    kept.delete(stream);
    const loaded = await catchUp(
      context.store,
      emptyStream(stream, emptySeries),
      () => undefined,
      evolveSeries,
    );
    return { loaded, key: undefined };
  };
  return {
    load,
    remember(loaded) {
      if (!context.keyRing.isOpen(loaded.stream)) return; // its key forgotten since the write
      const earlier = kept.get(loaded.stream);
      // Only an extension of what is kept: a writer that loaded earlier must not roll it back.
      if (earlier === undefined || (loaded.link?.revision ?? -1) > (earlier.link?.revision ?? -1))
        keep(loaded);
    },
    forget(stream) {
      kept.delete(stream);
    },
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
    parseWithToken(schema, input, vocabulary, fastPath) {
      // The token's random letters and digits are no personal data (its check character
      // catches typos): it is snapshotted and length-checked, everything else is also scanned.
      const parsed = readInput(schema, input, {
        unscanned: ['token'],
        ...(vocabulary === undefined ? {} : { vocabulary }),
        ...(fastPath === undefined ? {} : { fastPath }),
      });
      if (E.isLeft(parsed)) return parsed;
      const canonical = normaliseSeriesToken(parsed.right.token);
      if (canonical === undefined) return E.left(refuse.invalidSeriesToken());
      return E.right({ ...parsed.right, stream: seriesStreamOf(canonical) });
    },
  };
}
