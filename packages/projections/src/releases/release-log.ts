import {
  deriveEventId,
  type EventStore,
  GENESIS_HASH,
  isAppendError,
  type JsonValue,
  openEvent,
  sealEvent,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
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

async function readReleases(store: EventStore): Promise<RecordedReleases> {
  const releases: ReportRelease[] = [];
  let revision: number | undefined;
  let head = GENESIS_HASH;
  for await (const recorded of store.readStream(RELEASES_STREAM)) {
    // Public events: openEvent reads them without keys (and throws on bytes of another format).
    const event = openEvent(recorded);
    revision = event.revision;
    head = event.hash;
    if (!event.readable || event.type !== REPORT_PUBLISHED) continue;
    const parsed = ReportReleaseSchema.safeParse(event.data);
    // A release that does not parse cannot be protected against: that is an integrity fault.
    if (!parsed.success) throw new Error(`${RELEASES_STREAM}@${event.revision}: not a ReportPublished event`);
    releases.push(parsed.data);
  }
  return { releases, revision, head };
}

/**
 * The releases log on an event store: a public, hash-chained event in the `releases` stream
 * (envelope v2, canonical JSON in clear), its id derived from the release id, appended at the
 * revision read.
 */
export function eventStoreReleaseLog(
  store: EventStore,
  options: { readonly catalogueId: string },
): ReleaseLog {
  return {
    read: () => readReleases(store),
    async record(release, seen) {
      const revision = (seen.revision ?? -1) + 1;
      const commandId = release.releaseId;
      const { event } = sealEvent(RELEASES_STREAM, revision, seen.head, {
        id: deriveEventId(commandId, RELEASES_STREAM, 0),
        type: REPORT_PUBLISHED,
        data: release as unknown as JsonValue,
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

/** The releases of a log that cannot be written (an export): read, never recorded. */
export function readOnlyReleaseLog(store: EventStore): ReleaseLog {
  return {
    read: () => readReleases(store),
    record: async () => E.left({ code: 'RELEASE_LOG_READ_ONLY' }),
  };
}
