import {
  createStatisticsReport,
  type ReportOptionsInput,
  replay,
  type StatisticsCube,
  type StatisticsReport,
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

/** A report, and the open periods whose detail could not be read for it. */
export interface CollectedReport {
  readonly report: StatisticsReport;
  readonly unreadablePeriods: readonly string[];
}

/** Replays the log into the statistics cube (one pass) and builds the disclosure-controlled report. */
export async function collectReport(
  source: OpenedSource,
  target: string,
  options: ReportOptionsInput,
  io: CliIo,
): Promise<CollectedReport> {
  const overview = createLogOverview();
  const progress = startProgress(io, 'replaying', await eventTotal(source, target));
  let cube: StatisticsCube;
  try {
    ({ state: cube } = await replay(
      observeReads(source.store, (event) => {
        overview.observe(event);
        if (overview.events % 500 === 0) progress.update(overview.events);
      }),
      statisticsProjection({ keys: source.keys ?? createMemoryKeyStore() }),
    ));
  } finally {
    progress.stop();
  }
  const built = createStatisticsReport(cube, options);
  if (built._tag === 'Left') {
    const issue = built.left.issues[0];
    const option = issue === undefined ? 'options' : `--${issue.path.replace(/^\//, '').split('/')[0]}`;
    throw new CliError(
      issue?.message === 'no catalogue was in force in the range'
        ? `${option}: no catalogue version was in force in ${options.to} in ${source.description}: nothing to report`
        : `${option}: ${issue?.message ?? 'invalid report options'}`,
    );
  }
  return { report: built.right, unreadablePeriods: await overview.unreadablePeriods(source.keys) };
}
