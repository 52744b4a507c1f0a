import { keyedName } from './crypto/key-derivation.js';
import type { SheetCoordinates } from './tally/events.js';

/** The stream of a catalogue's adopted versions. */
export function catalogueStream(catalogueId: string): string {
  return `catalogue-${catalogueId}`;
}

/** The stream of a period: its sheet registry (encrypted), seal progress and sealed tables. */
export function periodStream(period: string): string {
  return `period-${period}`;
}

/** The id of a period's key in the key store. */
export function periodKeyId(period: string): string {
  return `period-${period}`;
}

/**
 * The detail stream of one tally sheet: the period in clear, the intervention and unit only
 * as a keyed hash under the period key — the name stops resolving once the key is destroyed.
 */
export function tallySheetStream(coordinates: SheetCoordinates, namingKey: Uint8Array): string {
  return `tally-${coordinates.period}-${keyedName(namingKey, coordinates.interventionId, coordinates.unitId)}`;
}

/** The stream that lists series by their opaque stream names, so expiry can find them on any store. */
export const SERIES_INDEX_STREAM = 'series-index';

/** Stream-name prefixes, for subscriptions and filters. */
export const STREAM_PREFIXES = {
  catalogue: 'catalogue-',
  period: 'period-',
  tallySheet: 'tally-',
  series: 'series-',
} as const;
