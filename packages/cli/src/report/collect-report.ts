import {
  eventStoreReleaseLog,
  type PublishedReport,
  publishStatisticsReport,
  type ReportOptionsInput,
  readOnlyReleaseLog,
  replay,
  type StatisticsCube,
  statisticsProjection,
} from '@pinnstatistik/projections';
import { createMemoryKeyStore } from '@pinnstatistik/store-memory';
import { CliError } from '../cli/cli-error.js';
import type { CliIo } from '../cli/cli-io.js';
import { startProgress } from '../cli/progress.js';
import { createLogOverview } from '../sources/log-overview.js';
import { observeReads } from '../sources/observe-reads.js';
import type { OpenedSource } from '../sources/open-source.js';
import { eventTotal } from '../verify/audit-source.js';
import { reportOptionName, swedishOptionsRefusal } from './report-option-name.js';

/** A report, the sealed periods of the log, and the open periods whose detail could not be read for it. */
export interface CollectedReport {
  readonly report: PublishedReport;
  readonly sealedPeriods: readonly string[];
  /** Periods with detail that are not sealed. */
  readonly openPeriods: readonly string[];
  readonly unreadablePeriods: readonly string[];
}

/**
 * Replays the log into the statistics cube (one pass) and publishes the disclosure-controlled
 * report: protected jointly with every release the log records, and recorded as a release
 * itself — unless the source is an export, which cannot be written (the report says so). The
 * cell-key method takes the statistics key from the key store: a store's own key store creates
 * it on its first report; an export's `--keys` must already hold it.
 */
export async function collectReport(
  source: OpenedSource,
  target: string,
  options: ReportOptionsInput,
  io: CliIo,
  lang: 'sv' | 'en' = 'en',
  publishing: { readonly allowUnrecorded?: boolean; readonly expectedOrigin?: string } = {},
): Promise<CollectedReport> {
  const { expectedOrigin } = publishing;
  // Checked before anything is read. The value is the operator's configuration: never repeated.
  if (expectedOrigin !== undefined && !/^[0-9a-fA-F]{64}$/.test(expectedOrigin))
    throw new CliError('--origin must be 64 hexadecimal characters (the store origin releaseOrigin gives)', {
      sv: { message: '--origin ska vara 64 hexadecimala tecken (arkivets ursprung som releaseOrigin ger)' },
    });
  const overview = createLogOverview();
  const progress = startProgress(
    io,
    lang === 'sv' ? 'spelar upp loggen' : 'replaying',
    await eventTotal(source, target),
    lang,
  );
  let cube: StatisticsCube;
  try {
    ({ state: cube } = await replay(
      observeReads(source.store, (event) => {
        overview.observe(event);
        if (overview.events % 500 === 0) progress.update(overview.events);
      }),
      // Without the key store no seal's proof can be checked: an export read alone trusts each
      // seal that hashes its tables (the signed checkpoint is what vouches for an export). A live
      // store read without --keys trusts none — anyone who can write to it can append a seal, and
      // the release would be recorded in it (attack 30).
      source.keys !== undefined
        ? statisticsProjection({ keys: source.keys })
        : statisticsProjection({
            keys: createMemoryKeyStore(),
            seals: source.kind === 'file' ? 'digest-only' : 'proven',
            // Without the key store no catalogue version can be vouched for: every adopted one is read.
            catalogueVersions: 'any',
          }),
    ));
  } finally {
    progress.stop();
  }
  const catalogueId = cube.catalogues().at(-1)?.id ?? 'unknown';
  // A live store's releases are the operator's only with their proof under the key store's release
  // key: anyone who can write to the store can append a `ReportPublished` (attack 32). An export
  // read without --keys trusts the releases it records (verify it against the checkpoint first).
  if (source.kind !== 'file' && source.keys === undefined)
    throw new CliError(
      'a report from a live store is recorded as a release, proven under the key store: give --keys',
      {
        sv: {
          message:
            'en rapport från ett levande händelselager registreras som publicering, bevisad med nyckelförrådet: ange --keys',
        },
      },
    );
  const built = await publishStatisticsReport(cube, options, {
    log:
      source.kind === 'file' || source.keys === undefined
        ? readOnlyReleaseLog(source.store, {
            ...(source.keys === undefined ? {} : { keys: source.keys }),
            // An export pinned too: another store's export (another genuine store's included) is refused.
            ...(expectedOrigin === undefined ? {} : { catalogueId, expectedOrigin }),
          })
        : eventStoreReleaseLog(source.store, {
            catalogueId,
            keys: source.keys,
            ...(expectedOrigin === undefined ? {} : { expectedOrigin }),
          }),
    ...(source.keys === undefined ? {} : { keys: source.keys }),
    createStatisticsKey: source.kind !== 'file',
    allowUnrecorded: publishing.allowUnrecorded === true,
  });
  if (built._tag === 'Left') {
    const refusal = built.left;
    if (refusal.code === 'STATISTICS_KEY_REQUIRED')
      throw new CliError(
        `the cell-key method needs the statistics key: give --keys (the key store that holds the key "statistics"${source.kind === 'file' ? ' — an export carries no keys' : ''}), or choose --method suppression`,
        {
          sv: {
            message: `cellnyckelmetoden kräver statistiknyckeln: ange --keys (nyckelförrådet som har statistiknyckeln${source.kind === 'file' ? ' — en exportfil innehåller inga nycklar' : ''}), eller välj --method suppression`,
          },
        },
      );
    if (refusal.code === 'RELEASE_NOT_RECORDED')
      throw new CliError(`${refusal.code}: ${refusal.message.en} (--unrecorded)`, {
        sv: { message: `${refusal.code}: ${refusal.message.sv} (--unrecorded)` },
      });
    if (refusal.code !== 'INVALID_REPORT_OPTIONS')
      throw new CliError(`${refusal.code}: ${refusal.message.en}`, {
        sv: { message: `${refusal.code}: ${refusal.message.sv}` },
      });
    const issue = refusal.issues[0];
    const option = reportOptionName(issue?.path ?? '');
    throw new CliError(
      issue?.message === 'no catalogue was in force in the range'
        ? `${option}: no catalogue version was in force in ${options.to} in ${source.description}: nothing to report`
        : `${option}: ${issue?.message ?? 'invalid report options'}${option === '--intervention' ? ' (pinnstatistik catalogue show --from <source> lists the ids)' : ''}`,
      { sv: { message: swedishOptionsRefusal(option, issue?.message, options.to) } },
    );
  }
  return {
    report: built.right,
    sealedPeriods: [...overview.sealedPeriods].sort(),
    openPeriods: overview.openPeriods(),
    unreadablePeriods: await overview.unreadablePeriods(source.keys),
  };
}
