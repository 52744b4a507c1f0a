import { ok, strictEqual } from 'node:assert';
import { createAesGcmCipher } from '../../crypto/aes-gcm-cipher.js';
import type { Cipher } from '../../crypto/cipher.js';
import type { KeyStore } from '../../ports/key-store.js';
import { seededRandom } from '../../ports/random.js';
import { SERIES_INDEX_STREAM } from '../../streams.js';
import { type AttackerView, occurrences, viewOf } from './attacker-view.js';
import { type AttackedStores, KEY_RECHECK_MS, recordAttackedYear } from './attacker-year.js';
import {
  metaInClear,
  openWithKeys,
  payloadsInClear,
  tablesWithRecordKeys,
  unpadded,
} from './leaky-variants.js';
import { linkMarks, nonCountLeaves } from './linkage-attack.js';
import { readMetadata, sharedClearValues } from './metadata-attack.js';
import { readResidue, secretsFound } from './residue-attack.js';

/** One attack: a name, and a body that throws when the attack succeeds (or its weak variant is not caught). */
export interface AttackCase {
  readonly name: string;
  run(): Promise<void>;
}

/** The figures the attacks measured, for the privacy guide. */
export interface AttackFigures {
  readonly commands: number;
  readonly openYear: {
    readonly privateEvents: number;
    readonly lengths: Readonly<Record<string, readonly number[]>>;
    readonly tallyStreams: number;
    readonly longestTallyStream: number;
  };
  readonly sealedYear: {
    readonly clearEvents: number;
    readonly deletedStreams: number;
    readonly baselineContacts: number;
    readonly baselineSheets: number;
    readonly leakyRebuilt: number;
    readonly leakySingledOut: number;
  };
}

/** Options for the attacker suite. */
export interface AttackerSuiteOptions {
  /** Scales the seeded year (default 0.3). */
  readonly volume?: number;
}

/** A cipher that remembers every key it is handed, to check they are zeroed once destroyed. */
function spyingCipher(cipher: Cipher, seen: Set<Uint8Array>): Cipher {
  return {
    algorithm: cipher.algorithm,
    encrypt: (key, plaintext, ad) => {
      seen.add(key);
      return cipher.encrypt(key, plaintext, ad);
    },
    decrypt: (key, sealed, ad) => {
      seen.add(key);
      return cipher.decrypt(key, sealed, ad);
    },
  };
}

/** A key store that keeps a copy of every key it hands out, to look for them in the stored bytes after. */
function rememberingKeys(keys: KeyStore, copies: Map<string, Uint8Array>): KeyStore {
  const remember = (keyId: string, key: Uint8Array | undefined) => {
    if (key !== undefined && !copies.has(keyId)) copies.set(keyId, Uint8Array.from(key));
    return key;
  };
  return {
    create: async (keyId) => remember(keyId, await keys.create(keyId)) as Uint8Array,
    get: async (keyId) => remember(keyId, await keys.get(keyId)),
    destroy: (keyId) => keys.destroy(keyId),
  };
}

/**
 * The attacker suite: a seeded year recorded through the service (series, working notes), an
 * attacker's copy of every stored byte taken while it is open and again once every series is
 * closed and every month sealed — no destroyed key — and the attacks of the independent
 * review played on both. Each attack is first shown to succeed against a deliberately leaky
 * variant of the layout (the one the library had), so the suite could fail.
 */
export function attackerSuite(
  factory: (cipherFor: (cipher: Cipher) => Cipher) => Promise<AttackedStores>,
  options: AttackerSuiteOptions = {},
): { readonly cases: readonly AttackCase[]; figures(): AttackFigures | undefined; dispose(): Promise<void> } {
  const seenKeys = new Set<Uint8Array>();
  const handedOut = new Map<string, Uint8Array>();
  let prepared:
    | Promise<{
        stores: AttackedStores;
        open: AttackerView;
        sealed: AttackerView;
        secrets: readonly string[];
        opened: Awaited<ReturnType<typeof openWithKeys>>;
        /** Secrets the year handed out (command ids, tokens, note texts). */
        readonly commands: number;
      }>
    | undefined;
  let figures: AttackFigures | undefined;

  const prepare = () => {
    prepared ??= (async () => {
      const stores = await factory((cipher) => spyingCipher(cipher, seenKeys));
      const keys = rememberingKeys(stores.keys, handedOut);
      const { year, sealAll } = await recordAttackedYear(
        { ...stores, keys, cipher: spyingCipher(stores.cipher ?? createAesGcmCipher(), seenKeys) },
        options.volume ?? 0.3,
      );
      const open = await viewOf(stores.store, await stores.raw());
      // The operator (who holds the keys while they exist) can open the detail: the leaky variants are built from it.
      const opened = await openWithKeys(open, stores.keys);
      await sealAll();
      const sealed = await viewOf(stores.store, await stores.raw());
      const commands = year.secrets.length;
      const openRead = readMetadata(open);
      const tallyLengths = new Map<string, number>();
      for (const event of open.sealed)
        if (event.stream.startsWith('tally-')) tallyLengths.set(event.stream, event.revision + 1);
      const random = seededRandom(5);
      const leaky = linkMarks(
        tablesWithRecordKeys(sealed, open, opened, () => (random.bytes(2)[0] as number) / 256),
      );
      const attack = linkMarks(sealed);
      figures = {
        commands,
        openYear: {
          privateEvents: open.sealed.length,
          lengths: openRead.lengths,
          tallyStreams: tallyLengths.size,
          longestTallyStream: Math.max(0, ...tallyLengths.values()),
        },
        sealedYear: {
          clearEvents: sealed.clear.length,
          deletedStreams: readResidue(sealed, stores.tombstoneCopies).deleted,
          baselineContacts: attack.baseline,
          baselineSheets: attack.baselineSheets,
          leakyRebuilt: leaky.rebuiltBeyondBaseline,
          leakySingledOut: leaky.singledOut,
        },
      };
      return { stores, open, sealed, secrets: year.secrets, opened, commands };
    })();
    return prepared;
  };

  const cases: AttackCase[] = [
    {
      name: 'a copy of an open year shows every private event as ciphertext of one clear type, one length per stream kind',
      async run() {
        const { open, opened } = await prepare();
        const read = readMetadata(open);
        ok(
          unpaddedLengths(readMetadata(unpadded(open, opened))) > 2,
          'the attack tells lengths apart when payloads are not padded',
        );
        strictEqual(read.typesInClear.length, 0, `types in clear: ${read.typesInClear.join(', ')}`);
        strictEqual(read.headerLengths.length, 0, 'every header has one length');
        strictEqual(read.lengths.tally?.length, 1, `tally detail lengths: ${read.lengths.tally?.join(', ')}`);
        strictEqual(
          read.lengths.registry?.length,
          1,
          `registry lengths: ${read.lengths.registry?.join(', ')}`,
        );
        ok((read.lengths.series?.length ?? 0) <= 3, `series lengths: ${read.lengths.series?.join(', ')}`);
      },
    },
    {
      name: 'no value stored in clear is shared by a series and a sheet, open or sealed',
      async run() {
        const { open, sealed, opened } = await prepare();
        // Sessions write nothing on their series (their tallies carry a keyed tag), so even command
        // ids in clear no longer link the two sides; payloads in clear do.
        ok(
          sharedClearValues(payloadsInClear(open, opened)).length > 0,
          'the attack links series to sheets when payloads are in clear',
        );
        strictEqual(
          sharedClearValues(open).length,
          0,
          `shared while open: ${sharedClearValues(open).slice(0, 3).join(', ')}`,
        );
        strictEqual(sharedClearValues(sealed).length, 0, 'shared once sealed');
      },
    },
    {
      name: 'sealed tables keep counts only: no mark is linked to another beyond what its sheet’s own tables determine',
      async run() {
        const { open, sealed, opened } = await prepare();
        const random = seededRandom(6);
        const leaky = linkMarks(
          tablesWithRecordKeys(sealed, open, opened, () => (random.bytes(2)[0] as number) / 256),
        );
        ok(
          leaky.singledOut > 0 && leaky.rebuiltBeyondBaseline > 0,
          `the attack links marks through record keys (${JSON.stringify(leaky)})`,
        );
        const attack = linkMarks(sealed);
        strictEqual(nonCountLeaves(sealed), 0, 'every leaf of every sealed table is a whole number');
        strictEqual(attack.singledOut, 0, 'no contact singled out');
        strictEqual(attack.rebuiltBeyondBaseline, 0, 'no record rebuilt beyond its own sheet');
        ok(attack.baseline > 0, 'the baseline is reported');
      },
    },
    {
      name: 'a sealed month’s detail is gone: nothing of it can be read, and nothing but its seal and the signed checkpoints names its streams',
      async run() {
        const { open, sealed, stores } = await prepare();
        const stillThere = { ...sealed, events: [...sealed.events, ...open.sealed] };
        ok(
          readResidue(stillThere, stores.tombstoneCopies).readableAfterDeletion.length > 0,
          'the attack finds detail a store did not delete',
        );
        const residue = readResidue(sealed, stores.tombstoneCopies);
        ok(residue.deleted > 0, 'the seals list what they deleted');
        strictEqual(
          residue.readableAfterDeletion.length,
          0,
          `still readable: ${residue.readableAfterDeletion.slice(0, 3).join(', ')}`,
        );
        strictEqual(
          residue.namesReferencedElsewhere.length,
          0,
          `names referenced beyond their seal: ${residue.namesReferencedElsewhere.slice(0, 3).join(', ')}`,
        );
        strictEqual(
          sealed.sealed.length,
          0,
          'no private event is left once every month is sealed and every series closed',
        );
      },
    },
    {
      name: 'no series session survives its series: the index keeps only that it existed and closed',
      async run() {
        const { open, sealed } = await prepare();
        const sessionsWhileOpen = open.sealed.filter((event) => event.stream.startsWith('series-')).length;
        ok(sessionsWhileOpen > 0, 'the attack sees series events while series are open');
        strictEqual(
          sealed.events.filter(
            (event) => event.stream.startsWith('series-') && event.stream !== SERIES_INDEX_STREAM,
          ).length,
          0,
        );
        for (const event of sealed.clear.filter((clear) => clear.stream === SERIES_INDEX_STREAM)) {
          const fields = Object.keys(event.data as object)
            .sort()
            .join(',');
          ok(
            ['series', 'head,notesDestroyed,proofs,reason,root,series,size'].includes(fields),
            `index fields: ${fields}`,
          );
        }
      },
    },
    {
      name: 'no working note, token or command id is anywhere in the stored bytes',
      async run() {
        const { open, sealed, secrets, opened } = await prepare();
        ok(
          secretsFound(metaInClear(open, opened), secrets).length > 0,
          'the attack finds command ids kept in clear',
        );
        strictEqual(
          secretsFound(open, secrets).length,
          0,
          `found while open: ${secretsFound(open, secrets).slice(0, 2).join(' | ')}`,
        );
        strictEqual(secretsFound(sealed, secrets).length, 0, 'found once sealed');
      },
    },
    {
      name: 'destroyed keys are gone: from the stored bytes, and zeroed in the process that destroyed them',
      async run() {
        const { sealed, stores } = await prepare();
        ok(handedOut.size > 0 && seenKeys.size > 0);
        const destroyed = [...handedOut].filter(([keyId]) =>
          /^(period-\d{4}-\d{2}|series-[0-9a-f]{32})$/.test(keyId),
        );
        ok(destroyed.length > 0);
        for (const [keyId] of destroyed)
          strictEqual(await stores.keys.get(keyId), undefined, `${keyId} still in the key store`);
        const inBytes = destroyed.filter(([, key]) => occurrences(sealed, key) > 0).map(([keyId]) => keyId);
        strictEqual(
          inBytes.length,
          0,
          `destroyed keys found in the stored bytes: ${inBytes.slice(0, 3).join(', ')}`,
        );
        // The process that sealed zeroed its copies at once; the one that recorded the year finds out within its recheck.
        await new Promise((resolve) => setTimeout(resolve, KEY_RECHECK_MS * 3));
        const live = [...seenKeys].filter((key) => key.some((byte) => byte !== 0)).length;
        strictEqual(live, 0, `${live} cipher keys of sealed periods or closed series still in memory`);
      },
    },
  ];

  return {
    cases,
    figures: () => figures,
    async dispose() {
      if (prepared !== undefined) await (await prepared).stores.dispose?.();
    },
  };

  function unpaddedLengths(read: ReturnType<typeof readMetadata>): number {
    return read.lengths.tally?.length ?? 0;
  }
}
