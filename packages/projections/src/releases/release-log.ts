import {
  deriveEventId,
  type EventStore,
  GENESIS_HASH,
  isAppendError,
  type JsonValue,
  type KeyStore,
  openEvent,
  sealEvent,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { anchorRelease, isAnchored } from './release-anchor.js';
import { releaseOrigin } from './release-origin.js';
import { isKnownOrigin, registerOrigin } from './release-origins.js';
import {
  createReleaseProofKey,
  isProvenRelease,
  readReleaseProofKey,
  releaseProof,
  splitProof,
} from './release-proof.js';
import {
  RELEASES_STREAM,
  REPORT_PUBLISHED,
  type ReportRelease,
  ReportReleaseSchema,
} from './report-release.js';

/** The releases recorded so far, and where the stream ends (for an append that expects it). */
export interface RecordedReleases {
  readonly releases: readonly ReportRelease[];
  /** The last revision of the releases stream; `undefined` when nothing was recorded yet. */
  readonly revision: number | undefined;
  /** The hash the next event chains to. */
  readonly head: Uint8Array;
  /**
   * The revisions of `ReportPublished` events that are not the operator's releases (no valid
   * proof under the key store's release key): anyone who can write to the store appended them.
   * They are not counted.
   */
  readonly unproven: readonly number[];
  /**
   * The first of the operator's releases (its sequence, from 0) that the stream should hold and
   * does not: a release out of its place, or the key store's anchor for the release after the
   * last one read. Someone who can write to the event store deleted or altered it (or a
   * publication stopped between its anchor and its event): no report can be protected jointly.
   */
  readonly missing: MissingRelease | undefined;
  /** The sequences of releases read that were recorded before anchors (no sequence, no anchor): the next release anchors them. */
  readonly unanchored: readonly number[];
  /**
   * The key store registers origins and does not know this store's (its catalogue stream
   * re-chained, or a store adopted before registration): its anchors, if any, are under another
   * origin, so no release can be counted as all there is (attack 42). Live logs only.
   */
  readonly originUnknown: boolean;
  /**
   * The operator pinned the store's origin (`expectedOrigin`) and the store has another: it is
   * some other store's history — another genuine store's, copied in under the same key store, is
   * one the key store knows (attack 44). Live logs, and exports read with a pin.
   */
  readonly originNotExpected: boolean;
  /**
   * The store's origin as this read found it (`null`: no genuine first event in the log's
   * catalogue stream), read once and used for every check of the read; a log that records
   * compares it with the origin it records under (the store must not change in between).
   * `undefined` for a read-only log without a pin.
   */
  readonly origin?: string | null;
}

/** A release the key store's anchors say was recorded, missing from the stream. */
export interface MissingRelease {
  readonly sequence: number;
}

/** Why a release could not be recorded. */
export type ReleaseNotRecorded =
  /** The log is an export or otherwise read-only: the report exists, but later ones cannot know of it. */
  | { readonly code: 'RELEASE_LOG_READ_ONLY' }
  /** Another report was recorded meanwhile: protect again with it, then record. */
  | { readonly code: 'RELEASE_LOG_CONFLICT' }
  /** The releases read miss one (`seen.missing`): recording after them would give its number to another. */
  | { readonly code: 'RELEASES_MISSING'; readonly sequence: number }
  /** The key store does not know the store's origin (`seen.originUnknown`). */
  | { readonly code: 'STORE_ORIGIN_UNKNOWN' }
  /** The store's origin is not the one the operator pinned (`seen.originNotExpected`). */
  | { readonly code: 'STORE_ORIGIN_NOT_EXPECTED' };

/**
 * Where releases are remembered. Everything about how a `ReportPublished` event is written
 * lives behind this interface (in this one file), so a change of the event envelope changes
 * only the implementation here.
 */
export interface ReleaseLog {
  /** Every recorded release, in order. */
  read(): Promise<RecordedReleases>;
  /** Records one release after those read (`seen`); refuses when the stream has moved on. */
  record(
    release: ReportRelease,
    seen: RecordedReleases,
  ): Promise<E.Either<ReleaseNotRecorded, { readonly revision: number }>>;
}

/**
 * How a reader tells the operator's releases: by their proof, or (an export read without keys) as
 * the export records them. `anchors`: the key store and catalogue whose anchors bound the stream's
 * tail — a live log only (an export is rightly behind the key store when more was published since).
 * `pin`: the store's origin as the operator keeps it, for a live log or an export alike.
 */
interface ReleaseTrust {
  readonly proofs: { readonly proofKey: Uint8Array | undefined } | 'as-exported';
  readonly anchors?: { readonly keys: KeyStore; readonly catalogueId: string };
  readonly pin?: OriginPin;
}

/** The origin the operator pinned, and the catalogue whose stream's first event gives it. */
interface OriginPin {
  readonly catalogueId: string;
  readonly expectedOrigin: string;
}

async function readReleases(store: EventStore, trust: ReleaseTrust): Promise<RecordedReleases> {
  const releases: ReportRelease[] = [];
  const seen = new Set<string>();
  const unproven: number[] = [];
  const unanchored: number[] = [];
  let missing: MissingRelease | undefined;
  let originUnknown = false;
  let originNotExpected = false;
  let revision: number | undefined;
  let head = GENESIS_HASH;
  const { proofs, anchors, pin } = trust;
  // The log's origin is read once: every check of this read uses the same one (read apart, a
  // store answering differently each time passed the proofs with one stream and the pin and
  // anchors with another — attack 44, round 2). A live log's anchors and pin name one catalogue.
  const originCatalogue = anchors?.catalogueId ?? pin?.catalogueId;
  const origin = originCatalogue === undefined ? undefined : await releaseOrigin(store, originCatalogue);
  const origins = new Map<string, string | null>();
  if (originCatalogue !== undefined && origin !== undefined) origins.set(originCatalogue, origin);
  const originOf = async (release: JsonValue): Promise<string | null> => {
    // Pinned, every release counts only under the pinned store's origin: a proof bound to another
    // catalogue stream of the store (copied in from another store) is not this store's.
    if (pin !== undefined) return origin ?? null;
    const catalogueId = (release as { catalogueId?: unknown } | null)?.catalogueId;
    if (typeof catalogueId !== 'string') return null;
    if (!origins.has(catalogueId)) origins.set(catalogueId, await releaseOrigin(store, catalogueId));
    return origins.get(catalogueId) ?? null;
  };
  try {
    for await (const recorded of store.readStream(RELEASES_STREAM)) {
      // Public events: openEvent reads them without keys (and throws on bytes of another format).
      const event = openEvent(recorded);
      revision = event.revision;
      head = event.hash;
      if (!event.readable || event.type !== REPORT_PUBLISHED) continue;
      const { release, proof, sequence } = splitProof(event.data);
      if (
        proofs !== 'as-exported' &&
        (proofs.proofKey === undefined ||
          !isProvenRelease(proofs.proofKey, await originOf(release), release, proof, sequence))
      ) {
        unproven.push(event.revision);
        continue;
      }
      const parsed = ReportReleaseSchema.safeParse(release);
      // A release the operator recorded that does not parse cannot be protected against: that is an integrity fault.
      if (!parsed.success)
        throw new Error(`${RELEASES_STREAM}@${event.revision}: not a ReportPublished event`);
      // A genuine release appended again is the same release.
      if (seen.has(parsed.data.releaseId)) continue;
      seen.add(parsed.data.releaseId);
      if (proofs !== 'as-exported') {
        // A proven sequence is the operator's word for the release's place: another place means a release before it is gone.
        if (sequence === undefined) unanchored.push(releases.length);
        else if (sequence !== releases.length) missing ??= { sequence: releases.length };
      }
      releases.push(parsed.data);
    }
    if (pin !== undefined && origin !== undefined)
      originNotExpected = origin !== pin.expectedOrigin.toLowerCase();
    if (anchors !== undefined && origin !== undefined) {
      const { keys } = anchors;
      if (missing === undefined && (await isAnchored(keys, origin, releases.length)))
        missing = { sequence: releases.length };
      originUnknown = !(await isKnownOrigin(keys, origin));
    }
  } finally {
    if (proofs !== 'as-exported') proofs.proofKey?.fill(0);
  }
  return {
    releases,
    revision,
    head,
    unproven,
    missing,
    unanchored,
    originUnknown,
    originNotExpected,
    ...(origin === undefined ? {} : { origin }),
  };
}

/**
 * The releases log on an event store: a public, hash-chained event in the `releases` stream
 * (envelope v2, canonical JSON in clear), its id derived from the release id, appended at the
 * revision read, with a proof of the release under the key store's release key
 * (`RELEASE_PROOF_KEY_ID`, made on the first release), bound to this store (`releaseOrigin`: the
 * first event of the release's catalogue stream — adopt the catalogue before publishing). Only releases whose proof holds are read
 * as releases: the stream is plain, and anyone who can write to the store can append to it.
 * Each release is numbered (`sequence`, under the proof) and anchored in the key store
 * (`release-anchor.ts`); a release whose number is not its place, or an anchor past the last
 * release read, is `missing` — anyone who can write to the store can also delete from it.
 * The origin itself must be one the key store knows (`release-origins.ts`): otherwise the log
 * says `originUnknown` and records nothing. The key store knows which origins are genuine, not
 * which one this store should have: pin it (`expectedOrigin`, from the operator's configuration —
 * `registerReleaseOrigin` and `releaseOrigin` tell it) and a store carrying any other history,
 * another genuine store's included, records nothing (`originNotExpected`).
 */
export function eventStoreReleaseLog(
  store: EventStore,
  options: {
    readonly catalogueId: string;
    readonly keys: KeyStore;
    /** The store's origin as the operator knows it (hex, as `releaseOrigin` gives it). */
    readonly expectedOrigin?: string;
  },
): ReleaseLog {
  const { catalogueId, keys, expectedOrigin } = options;
  return {
    read: async () =>
      readReleases(store, {
        proofs: { proofKey: await readReleaseProofKey(keys) },
        anchors: { keys, catalogueId },
        ...(expectedOrigin === undefined ? {} : { pin: { catalogueId, expectedOrigin } }),
      }),
    async record(release, seen) {
      if (seen.originNotExpected) return E.left({ code: 'STORE_ORIGIN_NOT_EXPECTED' });
      if (seen.originUnknown) return E.left({ code: 'STORE_ORIGIN_UNKNOWN' });
      if (seen.missing !== undefined)
        return E.left({ code: 'RELEASES_MISSING', sequence: seen.missing.sequence });
      const revision = (seen.revision ?? -1) + 1;
      const commandId = release.releaseId;
      const sequence = seen.releases.length;
      // The origin read once more, as the store is now: the pin holds it, and it is the one `seen`
      // was checked under — else the store changed since (or answers differently each time: the
      // catalogue stream swapped between the read and this record, attack 44, round 2), and what
      // was read is not what would be signed and anchored here.
      const anchorOrigin = await releaseOrigin(store, catalogueId);
      if (expectedOrigin !== undefined && anchorOrigin !== expectedOrigin.toLowerCase())
        return E.left({ code: 'STORE_ORIGIN_NOT_EXPECTED' });
      if (anchorOrigin !== seen.origin) return E.left({ code: 'RELEASE_LOG_CONFLICT' });
      const origin =
        expectedOrigin !== undefined || release.catalogueId === catalogueId
          ? anchorOrigin
          : await releaseOrigin(store, release.catalogueId);
      // Anchors first, the event after: a crash in between leaves an anchor without its release,
      // and the next report is refused (RELEASES_MISSING) until someone looks. The other order
      // would leave a release without its anchor, which the attacker could delete unseen.
      // Releases recorded before anchors are anchored here, at the places they were read.
      // The origin registered before its anchors: the key store then knows every origin it anchors.
      await registerOrigin(options.keys, anchorOrigin);
      for (const anchored of [...seen.unanchored, sequence])
        await anchorRelease(options.keys, anchorOrigin, anchored);
      const proofKey = await createReleaseProofKey(options.keys);
      let proof: string;
      try {
        proof = releaseProof(proofKey, origin, release as unknown as JsonValue, sequence);
      } finally {
        proofKey.fill(0);
      }
      const { event } = sealEvent(RELEASES_STREAM, revision, seen.head, {
        id: deriveEventId(commandId, RELEASES_STREAM, 0),
        type: REPORT_PUBLISHED,
        data: { ...release, sequence, proof } as unknown as JsonValue,
        meta: {
          commandId,
          correlationId: commandId,
          causationId: commandId,
          catalogueId: options.catalogueId,
          catalogueVersion: release.catalogueVersion,
        },
      });
      const appended = await store.append(RELEASES_STREAM, [event], {
        expected: seen.revision === undefined ? 'no-stream' : seen.revision,
      });
      if (E.isLeft(appended)) {
        if (isAppendError(appended.left) && appended.left.code === 'WRONG_EXPECTED_REVISION')
          return E.left({ code: 'RELEASE_LOG_CONFLICT' });
        throw new Error(`the releases stream refused the append: ${appended.left.code}`);
      }
      return E.right({ revision });
    },
  };
}

/**
 * The releases of a log that cannot be written (an export): read, never recorded. With the
 * operator's key store (`keys`), only releases whose proof holds, and a release out of its place is
 * `missing`; the key store's anchors past the export's last release are not (an export made before
 * later releases is rightly behind — its reports are not recorded and say so). Without keys, every
 * release as the export records it — only as sure as the export (verify it against the operator's checkpoint).
 * With the store's origin pinned (`catalogueId` and `expectedOrigin`, as for
 * {@link eventStoreReleaseLog}), an export of any other store — another genuine store's history
 * included — says `originNotExpected`, and with keys every proof is checked under the pinned origin.
 */
export function readOnlyReleaseLog(
  store: EventStore,
  options: { readonly keys?: KeyStore; readonly catalogueId?: string; readonly expectedOrigin?: string } = {},
): ReleaseLog {
  const { keys, catalogueId, expectedOrigin } = options;
  if (expectedOrigin !== undefined && catalogueId === undefined)
    throw new TypeError('a pinned origin needs the catalogue id whose stream gives it');
  const pin =
    expectedOrigin === undefined ? undefined : { catalogueId: catalogueId as string, expectedOrigin };
  return {
    read: async () =>
      readReleases(store, {
        proofs: keys === undefined ? 'as-exported' : { proofKey: await readReleaseProofKey(keys) },
        ...(pin === undefined ? {} : { pin }),
      }),
    record: async () => E.left({ code: 'RELEASE_LOG_READ_ONLY' }),
  };
}
