import type { InterventionPolicy } from './intervention-policy.js';

/**
 * Whether every contact of an intervention must belong to a series (rows 4 and 11 of the
 * Vaggeryd catalogue): a contact tallied outside a series is then refused (`SERIES_REQUIRED`),
 * so a series limit cannot be bypassed by tallying the sixth session on its own.
 */
export function requiresSeries(policy: InterventionPolicy): boolean {
  return policy.series?.required === true;
}

/**
 * Whether an intervention's ended series are tallied by their length (the series-length
 * table). Not where the source counts no sessions (Rörligt elevstöd keeps series only for its
 * working notes), nor where the intervention has no series.
 */
export function talliesSeriesLengths(policy: InterventionPolicy): boolean {
  return policy.series !== undefined && policy.series.lengthTallied !== false;
}
