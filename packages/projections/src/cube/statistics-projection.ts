import {
  type Catalogue,
  type Cipher,
  createAesGcmCipher,
  createEncryptedCodec,
  deriveSubkeys,
  type EventCodec,
  type KeyStore,
  type RecordedEvent,
  type SheetAmended,
  type SheetDetailEvent,
  type SheetSealed,
  STREAM_PREFIXES,
} from '@pinnstatistik/core';
import type { Projection } from '../projection.js';
import { createStatisticsCube, type StatisticsCube } from './statistics-cube.js';

/** How the statistics projection reads the log. */
export interface StatisticsProjectionOptions {
  /** Period keys, to read the detail of open periods (sealed periods need none). */
  readonly keys: KeyStore;
  /** Ciphers by the algorithm each envelope names (default: AES-256-GCM). */
  readonly ciphers?: readonly Cipher[];
  /** The projection's name, its checkpoint key (default `statistics`). */
  readonly name?: string;
}

/**
 * The statistics projection: folds catalogue adoptions, open detail (decrypted while its
 * period key exists), sealed tables and amendments into a {@link StatisticsCube}.
 */
export function statisticsProjection(options: StatisticsProjectionOptions): Projection<StatisticsCube> {
  const ciphers = new Map(
    (options.ciphers ?? [createAesGcmCipher()]).map((cipher) => [cipher.algorithm, cipher]),
  );
  const codecs = new Map<string, EventCodec | null>();
  const loadCodec = async (
    cacheKey: string,
    keyId: string,
    algorithm: string,
  ): Promise<EventCodec | null> => {
    const cipher = ciphers.get(algorithm);
    const material = cipher === undefined ? undefined : await options.keys.get(keyId);
    const codec =
      cipher === undefined || material === undefined
        ? null
        : createEncryptedCodec(cipher, deriveSubkeys(material).encryption);
    // A missing key stays missing (keys are only ever destroyed), so the answer can be kept.
    codecs.set(cacheKey, codec);
    return codec;
  };
  const decodeInto = (
    cube: StatisticsCube,
    event: RecordedEvent,
    codec: EventCodec | null,
  ): StatisticsCube => {
    if (codec === null) {
      cube.skipUndecryptable();
      return cube;
    }
    const data = codec.decode(event.data, { stream: event.stream, eventId: event.id, type: event.type });
    cube.applyDetail({ type: event.type, data } as unknown as SheetDetailEvent);
    return cube;
  };
  // Synchronous once an event's codec is known (every event but the first of each key), so a
  // replay pays no promise per event.
  const applyDetail = (
    cube: StatisticsCube,
    event: RecordedEvent,
  ): StatisticsCube | Promise<StatisticsCube> => {
    const { keyId, codec: algorithm } = event.metadata;
    if (algorithm === 'plain') {
      cube.applyDetail({ type: event.type, data: event.data } as unknown as SheetDetailEvent);
      return cube;
    }
    if (typeof keyId !== 'string' || typeof algorithm !== 'string') return decodeInto(cube, event, null);
    const cacheKey = `${algorithm}/${keyId}`;
    const cached = codecs.get(cacheKey);
    if (cached !== undefined) return decodeInto(cube, event, cached);
    return loadCodec(cacheKey, keyId, algorithm).then((codec) => decodeInto(cube, event, codec));
  };
  return {
    name: options.name ?? 'statistics',
    initial: createStatisticsCube,
    apply(cube, event) {
      switch (event.type) {
        case 'CatalogueAdopted':
          cube.adoptCatalogue((event.data as unknown as { catalogue: Catalogue }).catalogue);
          break;
        case 'SheetSealed':
          cube.applySealed(event as unknown as SheetSealed);
          break;
        case 'SheetAmended':
          cube.applyAmended(event as unknown as SheetAmended);
          break;
        default:
          if (event.stream.startsWith(STREAM_PREFIXES.tallySheet)) return applyDetail(cube, event);
      }
      return cube;
    },
    snapshot: (cube) => cube.snapshot(),
    restore(snapshot) {
      const cube = createStatisticsCube();
      cube.restore(snapshot);
      return cube;
    },
  };
}
