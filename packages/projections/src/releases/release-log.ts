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
import { releaseOrigin } from './release-origin.js';
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
}

/** Why a release could not be recorded. */
export type ReleaseNotRecorded =
  /** The log is an export or otherwise read-only: the report exists, but later ones cannot know of it. */
  | { readonly code: 'RELEASE_LOG_READ_ONLY' }
  /** Another report was recorded meanwhile: protect again with it, then record. */
  | { readonly code: 'RELEASE_LOG_CONFLICT' };

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

/** How a reader tells the operator's releases: by their proof, or (an export read without keys) as the export records them. */
type ReleaseTrust = { readonly proofKey: Uint8Array | undefined } | 'as-exported';

async function readReleases(store: EventStore, trust: ReleaseTrust): Promise<RecordedReleases> {
  const releases: ReportRelease[] = [];
  const seen = new Set<string>();
  const unproven: number[] = [];
  let revision: number | undefined;
  let head = GENESIS_HASH;
  const origins = new Map<string, string | null>();
  const originOf = async (release: JsonValue): Promise<string | null> => {
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
      const { release, proof } = splitProof(event.data);
      if (
        trust !== 'as-exported' &&
        (trust.proofKey === undefined ||
          !isProvenRelease(trust.proofKey, await originOf(release), release, proof))
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
      releases.push(parsed.data);
    }
  } finally {
    if (trust !== 'as-exported') trust.proofKey?.fill(0);
  }
  return { releases, revision, head, unproven };
}

/**
 * The releases log on an event store: a public, hash-chained event in the `releases` stream
 * (envelope v2, canonical JSON in clear), its id derived from the release id, appended at the
 * revision read, with a proof of the release under the key store's release key
 * (`RELEASE_PROOF_KEY_ID`, made on the first release), bound to this store (`releaseOrigin`: the
 * first event of the release's catalogue stream — adopt the catalogue before publishing). Only releases whose proof holds are read
 * as releases: the stream is plain, and anyone who can write to the store can append to it.
 */
export function eventStoreReleaseLog(
  store: EventStore,
  options: { readonly catalogueId: string; readonly keys: KeyStore },
): ReleaseLog {
  return {
    read: async () => readReleases(store, { proofKey: await readReleaseProofKey(options.keys) }),
    async record(release, seen) {
      const revision = (seen.revision ?? -1) + 1;
      const commandId = release.releaseId;
      const origin = await releaseOrigin(store, release.catalogueId);
      const proofKey = await createReleaseProofKey(options.keys);
      let proof: string;
      try {
        proof = releaseProof(proofKey, origin, release as unknown as JsonValue);
      } finally {
        proofKey.fill(0);
      }
      const { event } = sealEvent(RELEASES_STREAM, revision, seen.head, {
        id: deriveEventId(commandId, RELEASES_STREAM, 0),
        type: REPORT_PUBLISHED,
        data: { ...release, proof } as unknown as JsonValue,
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
 * operator's key store (`keys`), only releases whose proof holds; without it, every release as
 * the export records it — only as sure as the export (verify it against the operator's checkpoint).
 */
export function readOnlyReleaseLog(
  store: EventStore,
  options: { readonly keys?: KeyStore } = {},
): ReleaseLog {
  const { keys } = options;
  return {
    read: async () =>
      readReleases(store, keys === undefined ? 'as-exported' : { proofKey: await readReleaseProofKey(keys) }),
    record: async () => E.left({ code: 'RELEASE_LOG_READ_ONLY' }),
  };
}
