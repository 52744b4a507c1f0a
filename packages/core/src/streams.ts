import { keyedName } from './crypto/key-derivation.js';
import type { SheetCoordinates } from './tally/events.js';

/** The stream of a catalogue's adopted versions (public). */
export function catalogueStream(catalogueId: string): string {
  return `catalogue-${catalogueId}`;
}

/** The stream of a period: its sealed tables, the heads of its deleted streams, amendments (public). */
export function periodStream(period: string): string {
  return `period-${period}`;
}

/** The sheet registry of an open period (private; deleted when the period is sealed). */
export function registryStream(period: string): string {
  return `registry-${period}`;
}

/** The id of a period's key in the key store. */
export function periodKeyId(period: string): string {
  return `period-${period}`;
}

/**
 * The detail stream a tally sheet is kept in: its month's one detail stream, shared by every
 * sheet (intervention × unit) of the month — the period in clear, the rest a keyed hash under
 * the period key that stops resolving once the key is destroyed. One stream a month, not one a
 * sheet: a stream's name, size and place in the log then say nothing about which intervention
 * or unit a tally, a session's tally or a series' end belongs to (each event carries its
 * sheet's coordinates inside its ciphertext).
 */
export function tallySheetStream(
  coordinates: Pick<SheetCoordinates, 'period'>,
  namingKey: Uint8Array,
): string {
  return `tally-${coordinates.period}-${keyedName(namingKey, 'detail')}`;
}

/** The stream that lists series (opened and closed) by their opaque stream names, so expiry can find them on any store. */
export const SERIES_INDEX_STREAM = 'series-index';

/** Stream-name prefixes, for subscriptions and filters. */
export const STREAM_PREFIXES = {
  catalogue: 'catalogue-',
  period: 'period-',
  registry: 'registry-',
  tallySheet: 'tally-',
  series: 'series-',
} as const;

/** The kinds of private stream, each with its own padding. */
export type PrivateStreamKind = 'tally' | 'registry' | 'series';

/**
 * The key a private stream is encrypted with, from its name alone (so no key id is stored per
 * event): a sheet's and a registry's period key, a series' own key. `undefined` for public streams.
 */
export function privateStreamOf(stream: string): { kind: PrivateStreamKind; keyId: string } | undefined {
  if (stream.startsWith(STREAM_PREFIXES.tallySheet))
    return { kind: 'tally', keyId: periodKeyId(stream.slice(6, 13)) };
  if (stream.startsWith(STREAM_PREFIXES.registry))
    return { kind: 'registry', keyId: periodKeyId(stream.slice(9)) };
  if (stream.startsWith(STREAM_PREFIXES.series) && stream !== SERIES_INDEX_STREAM)
    return { kind: 'series', keyId: stream };
  return undefined;
}
