import { bucketOf, monthsOfBucket, previousBucket } from './period-buckets.js';
import type { ReportOptions } from './report-options.js';

/** The options a report's coverage depends on (older releases lack the comparison flag). */
export type CoverageOptions = Pick<ReportOptions, 'from' | 'to' | 'granularity'> & {
  readonly comparePrevious?: boolean;
};

/**
 * The period a report compares its first period with (the whole bucket before it), when it
 * compares with the previous period; undefined otherwise.
 */
export function comparisonBucket(options: CoverageOptions): string | undefined {
  if (options.comparePrevious !== true) return undefined;
  return previousBucket(bucketOf(options.from, options.granularity));
}

/**
 * The first month a report publishes figures for: its `from`, or the first month of the
 * comparison period. Releases overlap, and are protected jointly, over this covered range.
 */
export function coveredFrom(options: CoverageOptions): string {
  const bucket = comparisonBucket(options);
  return bucket === undefined ? options.from : (monthsOfBucket(bucket)[0] ?? options.from);
}
