import type { SheetCoordinates } from './tally/events.js';

/** The stream of a catalogue's adopted versions. */
export function catalogueStream(catalogueId: string): string {
  return `catalogue-${catalogueId}`;
}

/** The stream of one tally sheet: one intervention × unit × month. */
export function tallySheetStream(coordinates: SheetCoordinates): string {
  return `tally-${coordinates.period}-${coordinates.interventionId}--${coordinates.unitId}`;
}

/** Stream-name prefixes, for subscriptions and filters. */
export const STREAM_PREFIXES = { catalogue: 'catalogue-', tallySheet: 'tally-' } as const;
