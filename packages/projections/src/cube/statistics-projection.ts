import {
  type Catalogue,
  type CatalogueChainHead,
  type Cipher,
  createAesGcmCipher,
  createCatalogueVersionVetting,
  isProvenAmendment,
  isProvenSealOf,
  isSealOverTables,
  isWellFormedPeriodEvent,
  type JsonValue,
  type KeyStore,
  type OpenedEvent,
  type PeriodSealed,
  periodKeyId,
  periodStream,
  type RecordedEvent,
  type SealedSheet,
  type SheetAmended,
  type SheetDetailEvent,
  STREAM_PREFIXES,
} from '@pinnstatistik/core';
import type { Projection } from '../projection.js';
import { createKeyedOpener } from '../reading/keyed-opener.js';
import { createParallelOpener, type ParallelOpener } from '../reading/parallel-opener.js';
import { paddedTables } from './padded-checkpoint-tables.js';
import {
  type CubeSheetSnapshot,
  type CubeSnapshot,
  createStatisticsCube,
  type StatisticsCube,
} from './statistics-cube.js';
import { statisticsProjectionVersion } from './statistics-projection-version.js';

const utf8Decoder = new TextDecoder();

/** How the statistics projection reads the log. */
export interface StatisticsProjectionOptions {
  /** Period keys, to read the detail of open periods (sealed periods need none). */
  readonly keys: KeyStore;
  /** Ciphers by the algorithm each envelope names (default: AES-256-GCM). */
  readonly ciphers?: readonly Cipher[];
  /** The projection's name, its checkpoint key (default `statistics`). */
  readonly name?: string;
  /**
   * Which seals and amendments are folded. `proven` (the default): only those whose proof holds
   * under the key store's seal-proof key — none while it holds none. `digest-only`, for a reader
   * given no keys (an export read alone): every seal that names its month and hashes the tables
   * before it, and every amendment — anyone who can write to the store could have written them.
   */
  readonly seals?: 'proven' | 'digest-only';
  /**
   * Which catalogue versions are folded. `vouched` (the default, unless `seals` is `digest-only`):
   * only those the key store vouches for (see `createCatalogueVersionVetting`). `any`, for a reader
   * given no keys: every adoption in a catalogue stream — it cannot tell one chained in by hand.
   */
  readonly catalogueVersions?: 'vouched' | 'any';
  /**
   * Decrypt open sheets' detail on a second thread, a page ahead of the fold, during a `replay`
   * (default `false`). The worker makes its own ciphers by the algorithm each envelope names —
   * node's AES-256-GCM, and XChaCha20-Poly1305 where `sodium-native` loads (the application's, else
   * one beside this package); events of other algorithms are opened on the main thread. It holds
   * copies of the months' subkeys it is sent, zeroed when a month is sealed and when the replay
   * ends. The result is the same as without it.
   */
  readonly parallelOpening?: boolean;
}

/**
 * A checkpoint of the cube: catalogues and sealed sheets in clear (they are public), open
 * periods' sheets sealed under each period's own key — so a checkpoint holds no open detail
 * anyone without the key can read, and it dies with the key when the period is sealed.
 */
interface SavedCube {
  readonly catalogues: readonly Catalogue[];
  readonly sealed: readonly CubeSheetSnapshot[];
  readonly open: readonly { readonly period: string; readonly algorithm: string; readonly sheets: string }[];
  readonly undecryptable: number;
  readonly sealedPeriods?: readonly string[];
  readonly heldTables?: CubeSnapshot['heldTables'];
  readonly catalogueChains: readonly CatalogueChainHead[];
}

/**
 * The statistics projection: folds catalogue adoptions, open detail (opened while its period
 * key exists), sealed tables and amendments into a {@link StatisticsCube}.
 */
export function statisticsProjection(options: StatisticsProjectionOptions): Projection<StatisticsCube> {
  const name = options.name ?? 'statistics';
  const ciphers = options.ciphers ?? [createAesGcmCipher()];
  // A fresh opener with every fresh or restored state: a state thrown away (a runner recovering
  // from a read that served a forged `SheetsSealed`, then failed) must not leave the keys it
  // forgot forgotten — the month's detail then counted as undecryptable for good (attack 22).
  let opener = createKeyedOpener(options.keys, ciphers);
  // A `CatalogueAdopted` is folded only when the key store vouches for it: anyone who can write to
  // the store can chain one after the operator's versions, and one version without a `oneOf`
  // stripped attack 39's identity from every report (attack 44, round 2). Fresh with every state.
  let vetting = createCatalogueVersionVetting(options.keys);
  // Beside the opener, fresh with it: a replay's second thread (see `parallelOpening`).
  let parallel: ParallelOpener | undefined;
  const freshOpeners = () => {
    void parallel?.close();
    opener = createKeyedOpener(options.keys, ciphers);
    parallel = options.parallelOpening === true ? createParallelOpener(opener) : undefined;
  };
  const digestOnly = options.seals === 'digest-only';
  const anyVersion = (options.catalogueVersions ?? (digestOnly ? 'any' : 'vouched')) === 'any';
  // A month's tables replace its detail only once its seal is read and holds over them: anyone who
  // can write to the store can append tables and a seal to an open month's stream (attack 28).
  // The seal's proof is checked under the key store's seal-proof key; with none there (nothing
  // proven yet) no seal holds — a month with no key, too (attack 29). Only a reader told it has
  // no keys (`seals: 'digest-only'`) folds a seal that names its month and hashes its tables.
  const closeOnSeal = (cube: StatisticsCube, stream: string, seal: PeriodSealed['data']) => {
    if (digestOnly) return closeIfHolds(cube, stream, seal, isSealOverTables);
    const proofKey = opener.proofKey();
    const close = (found: Uint8Array | undefined) =>
      found === undefined
        ? cube
        : closeIfHolds(cube, stream, seal, (...args) => isProvenSealOf(...args, found));
    return proofKey instanceof Promise ? proofKey.then(close) : close(proofKey);
  };
  // An amendment changes published numbers: anyone who can write to the store can append one, or
  // copy a genuine one (attack 28). Folded only with a proof for its place (a reader with
  // `seals: 'digest-only'` cannot tell, and folds it).
  const amendIfProven = (cube: StatisticsCube, event: RecordedEvent, amendment: SheetAmended['data']) => {
    if (digestOnly) {
      if (periodStream(amendment.period) === event.stream) cube.applyAmended(amendment);
      return cube;
    }
    const place = { stream: event.stream, revision: event.revision };
    const fold = (proofKey: Uint8Array | undefined): StatisticsCube => {
      if (proofKey !== undefined && isProvenAmendment(proofKey, place, amendment))
        cube.applyAmended(amendment);
      return cube;
    };
    const proofKey = opener.proofKey();
    return proofKey instanceof Promise ? proofKey.then(fold) : fold(proofKey);
  };
  const closeIfHolds = (
    cube: StatisticsCube,
    stream: string,
    seal: PeriodSealed['data'],
    holds: (stream: string, seal: PeriodSealed['data'], tables: readonly SealedSheet[]) => boolean,
  ): StatisticsCube => {
    const tables = cube.takeHeld(seal.period);
    if (!holds(stream, seal, tables)) return cube; // the tables held go with it; the detail still counts
    for (const sheet of tables) cube.applySealed(seal.period, sheet);
    opener.forget(periodKeyId(seal.period));
    parallel?.forget(periodKeyId(seal.period));
    cube.closePeriod(seal.period);
    return cube;
  };
  const apply = (
    cube: StatisticsCube,
    event: RecordedEvent,
    opened: OpenedEvent,
  ): StatisticsCube | Promise<StatisticsCube> => {
    if (!opened.readable) {
      if (event.stream.startsWith(STREAM_PREFIXES.tallySheet)) cube.skipUndecryptable();
      return cube;
    }
    // A period-stream event not shaped as the library writes it is anyone's: `data: null` stopped
    // every replay (attack 31).
    if (event.stream.startsWith(STREAM_PREFIXES.period) && !isWellFormedPeriodEvent(opened.type, opened.data))
      return cube;
    switch (opened.type) {
      case 'CatalogueAdopted':
        // Only from a catalogue stream, where it was vetted: one in a period stream was folded
        // unvetted (attack 45, finding 3).
        if (event.stream.startsWith(STREAM_PREFIXES.catalogue))
          cube.adoptCatalogue((opened.data as unknown as { catalogue: Catalogue }).catalogue);
        break;
      case 'SheetsSealed': {
        const { period, sheets } = opened.data as unknown as { period: string; sheets: SealedSheet[] };
        if (!Array.isArray(sheets)) break; // not the seal's (it writes a list): held, it broke the replay
        // Tables in another period's stream, or after the period's seal, are not the seal's: anyone
        // who can write to the store can append them (attack 27).
        if (event.stream !== periodStream(period) || cube.isPeriodClosed(period)) break;
        cube.holdSealed(period, sheets);
        break;
      }
      case 'PeriodSealed': {
        const seal = opened.data as unknown as PeriodSealed['data'];
        if (event.stream !== periodStream(seal.period) || cube.isPeriodClosed(seal.period)) break;
        return closeOnSeal(cube, event.stream, seal);
      }
      case 'SheetAmended':
        return amendIfProven(cube, event, opened.data as unknown as SheetAmended['data']);
      default:
        if (event.stream.startsWith(STREAM_PREFIXES.tallySheet))
          cube.applyDetail({ type: opened.type, data: opened.data } as unknown as SheetDetailEvent);
    }
    return cube;
  };
  const openAndApply = (cube: StatisticsCube, event: RecordedEvent) => {
    const early = parallel?.take(event);
    return early === undefined ? openHereAndApply(cube, event) : apply(cube, event, early);
  };
  const openHereAndApply = (cube: StatisticsCube, event: RecordedEvent) => {
    const opened = opener.open(event);
    return opened instanceof Promise
      ? opened.then((done) => apply(cube, event, done))
      : apply(cube, event, opened);
  };
  const context = (period: string) => ({ stream: `checkpoint-${name}`, eventId: period });
  const version = statisticsProjectionVersion({
    seals: digestOnly ? 'digest-only' : 'proven',
    ciphers: ciphers.map((cipher) => cipher.algorithm),
    catalogueVersions: anyVersion ? 'any' : 'vouched',
  });
  return {
    name,
    version,
    initial: () => {
      freshOpeners();
      vetting = createCatalogueVersionVetting(options.keys);
      return createStatisticsCube();
    },
    apply(cube, event) {
      // Only what the statistics read: the catalogue, sealed periods' tables, and sheets' detail.
      if (
        !event.stream.startsWith(STREAM_PREFIXES.catalogue) &&
        !event.stream.startsWith(STREAM_PREFIXES.period) &&
        !event.stream.startsWith(STREAM_PREFIXES.tallySheet)
      )
        return cube;
      if (event.stream.startsWith(STREAM_PREFIXES.catalogue) && !anyVersion)
        return vetting.vet(event).then((adopted) => (adopted ? openAndApply(cube, event) : cube));
      return openAndApply(cube, event);
    },
    async prefetch(page) {
      await parallel?.prefetch(page);
    },
    async close() {
      await parallel?.close();
    },
    async snapshot(cube): Promise<JsonValue> {
      const whole = cube.snapshot();
      const byPeriod = new Map<string, CubeSheetSnapshot[]>();
      for (const sheet of whole.sheets.filter((candidate) => !candidate.sealed))
        byPeriod.set(sheet.period, [...(byPeriod.get(sheet.period) ?? []), sheet]);
      const open: SavedCube['open'][number][] = [];
      for (const [period, sheets] of byPeriod) {
        const algorithm = (ciphers[0] as Cipher).algorithm;
        const sealer = await opener.sealer(periodKeyId(period), algorithm);
        // Without its key an open period cannot have been folded; if it was sealed meanwhile —
        // also while this waited for the sealer — its tables come after.
        if (sealer === undefined || opener.isForgotten(periodKeyId(period))) continue;
        // Encoded into a buffer of its own (not node's shared pool) and zeroed once sealed: an open
        // month's tables must not stay in memory in clear beside the key that seals them. Padded,
        // so the length of a nightly checkpoint does not tell what the day's tallies added (attack 38).
        const plain = paddedTables(JSON.stringify(sheets));
        const sealed = sealer.seal(plain, context(period));
        plain.fill(0);
        open.push({ period, algorithm, sheets: Buffer.from(sealed).toString('base64') });
      }
      const saved: SavedCube = {
        catalogues: whole.catalogues,
        sealed: whole.sheets.filter((sheet) => sheet.sealed),
        open,
        undecryptable: whole.undecryptable,
        sealedPeriods: whole.sealedPeriods ?? [],
        heldTables: whole.heldTables ?? [],
        catalogueChains: vetting.heads(),
      };
      return saved as unknown as JsonValue;
    },
    async restore(snapshot) {
      freshOpeners();
      const saved = snapshot as unknown as SavedCube;
      vetting = createCatalogueVersionVetting(options.keys, saved.catalogueChains);
      const sheets: CubeSheetSnapshot[] = [...saved.sealed];
      for (const group of saved.open) {
        const sealer = await opener.sealer(periodKeyId(group.period), group.algorithm);
        // The period was sealed after the checkpoint: its tables, later in the log, replace these.
        if (sealer === undefined || opener.isForgotten(periodKeyId(group.period))) continue;
        const plain = sealer.open(Buffer.from(group.sheets, 'base64'), context(group.period));
        if (plain === undefined)
          throw new Error(`the checkpoint of ${group.period} does not open under its key`);
        try {
          sheets.push(...(JSON.parse(utf8Decoder.decode(plain)) as CubeSheetSnapshot[]));
        } finally {
          plain.fill(0); // ours to zero once read (see Cipher.decrypt)
        }
      }
      const cube = createStatisticsCube();
      cube.restore({
        catalogues: saved.catalogues,
        sheets,
        undecryptable: saved.undecryptable,
        sealedPeriods: saved.sealedPeriods ?? [],
        heldTables: saved.heldTables ?? [],
      } satisfies CubeSnapshot);
      return cube;
    },
  };
}
