import { canonicalJson, type JsonValue, type KeyStore, type LocalizedText } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { STATISTICS_KEY_ID } from '../cellkey/cell-key.js';
import { type ReportOptionsInput, ReportOptionsSchema } from '../report/report-options.js';
import { type ReportRefusal, reportRefusals } from '../report/report-refusal.js';
import {
  createStatisticsReport,
  type ReportCube,
  type StatisticsReport,
} from '../report/statistics-report.js';
import type { ReleaseLog } from './release-log.js';
import type { ReportRelease } from './report-release.js';

/** A report made for publication, and whether its release was recorded. */
export interface PublishedReport extends StatisticsReport {
  /** False when the log is read-only (an export): later reports cannot know of this one. */
  readonly recorded: boolean;
}

/** Where a published report's release is remembered and where the statistics key lives. */
export interface PublishContext {
  readonly log: ReleaseLog;
  /** The key store holding the statistics key (cell-key method). */
  readonly keys?: KeyStore;
  /**
   * Whether the statistics key may be created when the key store has none (true for a store's
   * own key store, the first time it publishes; false for an export's keys, where a new key
   * would perturb every figure afresh).
   */
  readonly createStatisticsKey?: boolean;
  /**
   * A read-only log (an export): make a cell-key report that reproduces no recorded release
   * anyway — for checking, never for publication (the report's note says so). Without it such
   * a report is refused (`RELEASE_NOT_RECORDED`).
   */
  readonly allowUnrecorded?: boolean;
}

/** Whether a release is one the log recorded: the same options and the same figures. */
const reproduces = (release: ReportRelease, recorded: readonly ReportRelease[]): boolean =>
  recorded.some(
    (earlier) =>
      earlier.digest === release.digest &&
      canonicalJson(earlier.options as unknown as JsonValue) ===
        canonicalJson(release.options as unknown as JsonValue),
  );

const notRecorded = (method: string): LocalizedText =>
  method === 'suppression'
    ? {
        sv: 'Rapporten har inte registrerats som publicerad (källan är skrivskyddad). Senare rapporter kan därför inte skyddas tillsammans med den: publicera den bara om samma rapport har registrerats från arkivet.',
        en: 'The report was not recorded as published (the source is read-only). Later reports therefore cannot be protected jointly with it: publish it only if the same report was recorded from the store.',
      }
    : {
        sv: 'Rapporten har inte registrerats som publicerad (källan är skrivskyddad) och får inte publiceras: när dess uppgifter ändras ger nästa rapport dem en andra version.',
        en: 'The report was not recorded as published (the source is read-only) and must not be published: once its figures change, the next report gives them a second version.',
      };

const reproduced: LocalizedText = {
  sv: 'Rapporten återskapar en rapport som redan registrerats som publicerad: samma inställningar, samma värden.',
  en: 'The report reproduces a release already recorded as published: the same options, the same figures.',
};

const unprovenNote = (count: number): LocalizedText => ({
  sv: `${count === 1 ? 'En händelse' : `${count} händelser`} i publiceringsloggen är inte operatörens publiceringar (inget giltigt bevis under nyckelförrådets publiceringsnyckel) och har inte räknats: någon som kan skriva i händelselagret har lagt dit ${count === 1 ? 'den' : 'dem'}.`,
  en: `${count === 1 ? 'One event' : `${count} events`} in the releases stream ${count === 1 ? 'is' : 'are'} not the operator's releases (no valid proof under the key store's release key) and ${count === 1 ? 'was' : 'were'} not counted: someone who can write to the event store appended ${count === 1 ? 'it' : 'them'}.`,
});

/**
 * Makes a report for publication and records it: reads every earlier release from the log,
 * protects the report jointly with them (see `createStatisticsReport`), and appends its
 * `ReportPublished` event — again from the start when another report was recorded meanwhile.
 * A read-only log (an export) gives the report with `recorded: false` and a note saying so.
 */
export async function publishStatisticsReport(
  cube: ReportCube,
  input: ReportOptionsInput,
  context: PublishContext,
): Promise<E.Either<ReportRefusal, PublishedReport>> {
  const method = ReportOptionsSchema.safeParse(input).data?.method;
  let statisticsKey: Uint8Array | undefined;
  if (method === 'cell-key' && context.keys !== undefined) {
    statisticsKey =
      (await context.keys.get(STATISTICS_KEY_ID)) ??
      (context.createStatisticsKey === true ? await context.keys.create(STATISTICS_KEY_ID) : undefined);
    if (statisticsKey === undefined) return E.left(reportRefusals.statisticsKeyRequired());
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const seen = await context.log.read();
    // Another store's history in this one, a genuine store's included: the operator pinned the origin (attack 44).
    if (seen.originNotExpected) return E.left(reportRefusals.storeOriginNotExpected());
    // A store the key store does not know may be this one rewritten, its releases gone with their anchors' origin (attack 42).
    if (seen.originUnknown) return E.left(reportRefusals.storeOriginUnknown());
    // A release deleted from the stream would leave this report blind to what it published (attack 37).
    if (seen.missing !== undefined) return E.left(reportRefusals.releasesMissing(seen.missing.sequence));
    const report = await createStatisticsReport(cube, input, {
      ...(statisticsKey === undefined ? {} : { statisticsKey }),
      releases: seen.releases,
    });
    if (E.isLeft(report)) return report;
    const unproven = seen.unproven.length > 0 ? [unprovenNote(seen.unproven.length)] : [];
    const made = { ...report.right, notes: [...report.right.notes, ...unproven] };
    const recorded = await context.log.record(report.right.release, seen);
    if (E.isRight(recorded)) return E.right({ ...made, recorded: true });
    if (recorded.left.code === 'STORE_ORIGIN_NOT_EXPECTED')
      return E.left(reportRefusals.storeOriginNotExpected());
    if (recorded.left.code === 'STORE_ORIGIN_UNKNOWN') return E.left(reportRefusals.storeOriginUnknown());
    if (recorded.left.code === 'RELEASES_MISSING')
      return E.left(reportRefusals.releasesMissing(recorded.left.sequence));
    if (recorded.left.code === 'RELEASE_LOG_READ_ONLY') {
      const again = reproduces(report.right.release, seen.releases);
      if (report.right.options.method === 'cell-key' && !again && context.allowUnrecorded !== true)
        return E.left(reportRefusals.releaseNotRecorded());
      return E.right({
        ...made,
        recorded: false,
        notes: [...made.notes, again ? reproduced : notRecorded(report.right.options.method)],
      });
    }
  }
  throw new Error('the releases stream kept moving: five reports were recorded while this one was made');
}
