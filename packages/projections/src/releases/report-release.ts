import { z } from 'zod';
import { coveredFrom } from '../report/covered-range.js';
import { ReportOptionsSchema } from '../report/report-options.js';

/**
 * What is remembered of a published report (the data of a `ReportPublished` event): its
 * options — range, granularity, selection, method and parameters — and what an intruder can
 * use from it beyond the current counts: the keys it suppressed (suppression), or which
 * statistics key perturbed it (cell-key method, as a fingerprint). No count is kept: the
 * figures are rebuilt from the cube when a later report is protected jointly with this one,
 * and `digest` (SHA-256 over the published figures) tells whether they have changed since.
 */
export const ReportReleaseSchema = z
  .object({
    releaseId: z.string().uuid(),
    catalogueId: z.string(),
    catalogueVersion: z.string(),
    options: z.lazy(() => ReportOptionsSchema),
    suppressed: z.array(z.string()).optional(),
    statisticsKeyCheck: z.string().optional(),
    digest: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** A report as recorded in the releases stream. */
export type ReportRelease = z.infer<typeof ReportReleaseSchema>;

/** The event type of a recorded release. */
export const REPORT_PUBLISHED = 'ReportPublished';

/** The stream every release of a store is recorded in, in order. */
export const RELEASES_STREAM = 'releases';

const overlaps = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  a === undefined || b === undefined || a.some((value) => b.includes(value));

/** What decides whether two releases overlap (granularity and comparison widen the months covered). */
type OverlapOptions = Pick<ReportRelease['options'], 'from' | 'to' | 'interventions' | 'units'> &
  Partial<Pick<ReportRelease['options'], 'granularity' | 'comparePrevious'>>;

const firstMonth = (options: OverlapOptions): string =>
  options.granularity === undefined
    ? options.from
    : coveredFrom({ ...options, granularity: options.granularity });

/**
 * Whether two reports cover some of the same months, interventions and units (a report that
 * compares with the previous period also covers that period).
 */
export function releasesOverlap(a: OverlapOptions, b: OverlapOptions): boolean {
  return (
    firstMonth(a) <= b.to &&
    firstMonth(b) <= a.to &&
    overlaps(a.interventions, b.interventions) &&
    overlaps(a.units, b.units)
  );
}

/**
 * The releases linked to a report through a chain of overlaps (each overlapping the report or
 * another linked release), in their order: what an intruder can combine with it.
 */
export function linkedReleases(
  report: Parameters<typeof releasesOverlap>[0],
  releases: readonly ReportRelease[],
): ReportRelease[] {
  const linked = new Set<ReportRelease>();
  let frontier: readonly Parameters<typeof releasesOverlap>[0][] = [report];
  while (frontier.length > 0) {
    const next = releases.filter(
      (release) => !linked.has(release) && frontier.some((from) => releasesOverlap(release.options, from)),
    );
    for (const release of next) linked.add(release);
    frontier = next.map((release) => release.options);
  }
  return releases.filter((release) => linked.has(release));
}
