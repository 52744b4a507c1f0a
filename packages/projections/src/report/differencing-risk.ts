import type { ReportRelease } from '../releases/report-release.js';
import { bucketOf, monthsOfBucket } from './period-buckets.js';
import type { ReportOptions } from './report-options.js';
import { type ReportRefusal, reportRefusals } from './report-refusal.js';

/** Whether a range starts at its first period's first month and ends at its last period's last. */
function coversWholePeriods(options: Pick<ReportOptions, 'from' | 'to' | 'granularity'>): boolean {
  const first = monthsOfBucket(bucketOf(options.from, options.granularity));
  const last = monthsOfBucket(bucketOf(options.to, options.granularity));
  return first[0] === options.from && last[last.length - 1] === options.to;
}

/** Two unit selections that share some units but not all (`undefined`: every unit). */
function partlyShared(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a !== b;
  const inB = new Set(b);
  const shared = new Set(a.filter((unit) => inB.has(unit))).size;
  return shared > 0 && (shared < new Set(a).size || shared < inB.size);
}

/**
 * Suppression protects the figures a release publishes, checked jointly with earlier releases —
 * not the difference of two releases over nested populations, which is a figure no release
 * publishes: a partial period beside the whole one (the months left out), or units A beside
 * units A + B (unit B). Such a report is refused before anything is built. The cell-key method
 * is refused a partial period too: a part of a quarter or a year is a population of its own,
 * with noise of its own, and each such part beside the whole gives the months left out one more
 * independent noisy version to average (figures over several whole periods are sums of the
 * periods' figures, see `perturbTables`, so they add none). Units are perturbed by their own
 * content, and each selection is one population: a few versions at most.
 */
export function differencingRisk(
  options: ReportOptions,
  earlier: readonly ReportRelease[],
): ReportRefusal | undefined {
  if (!coversWholePeriods(options)) return reportRefusals.partialPeriod(options.method);
  if (options.method !== 'suppression') return undefined;
  const partly = earlier.find(
    (release) =>
      release.options.method === 'suppression' && partlyShared(release.options.units, options.units),
  );
  return partly === undefined
    ? undefined
    : reportRefusals.unitsPartlyPublished(partly.releaseId, partly.options.from, partly.options.to);
}
