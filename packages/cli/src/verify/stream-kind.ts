import { LOG_KEYS_STREAM, privateStreamOf, SERIES_INDEX_STREAM, STREAM_PREFIXES } from '@pinnstatistik/core';
import { RELEASES_STREAM } from '@pinnstatistik/projections';

/** What the library writes in a stream: clear events (public) or sealed ones (private). */
export type StreamAccess = 'public' | 'private';

/** A stream of a kind the library writes, and the part of its name a caller chose (a catalogue id). */
export interface StreamKind {
  readonly access: StreamAccess;
  /** The free text in the name, for the personal-data guard; the rest is months and hashes. */
  readonly chosen: string;
}

const PUBLIC_NAMES: ReadonlySet<string> = new Set([SERIES_INDEX_STREAM, LOG_KEYS_STREAM, RELEASES_STREAM]);
const MONTH = '\\d{4}-(?:0[1-9]|1[0-2])';
const CATALOGUE = new RegExp(`^${STREAM_PREFIXES.catalogue}([a-z0-9]+(?:-[a-z0-9]+)*)$`);
const PERIOD = new RegExp(`^${STREAM_PREFIXES.period}${MONTH}$`);
const REGISTRY = new RegExp(`^${STREAM_PREFIXES.registry}${MONTH}$`);
const TALLY_SHEET = new RegExp(`^${STREAM_PREFIXES.tallySheet}${MONTH}-[0-9a-f]{32}$`);
const SERIES = new RegExp(`^${STREAM_PREFIXES.series}[0-9a-f]{32}$`);

/**
 * The kind of a stream by its name, as core names them (`catalogueStream`, `periodStream`,
 * `registryStream`, `tallySheetStream`, `seriesStreamOf`, `series-index`, `log-keys`, and the
 * releases stream); `undefined` for a name the library never writes. Whether it is private is
 * core's word (`privateStreamOf`), so the codec rule follows the key the stream would use.
 */
export function streamKindOf(stream: string): StreamKind | undefined {
  const access: StreamAccess = privateStreamOf(stream) === undefined ? 'public' : 'private';
  if (PUBLIC_NAMES.has(stream) || PERIOD.test(stream)) return { access, chosen: '' };
  const catalogue = CATALOGUE.exec(stream);
  if (catalogue !== null) return { access, chosen: catalogue[1] as string };
  if (REGISTRY.test(stream) || TALLY_SHEET.test(stream) || SERIES.test(stream)) return { access, chosen: '' };
  return undefined;
}

/** Streams outside the log tree (`checkpoint-*`: projection and log checkpoints), which no export carries. */
export function isOutsideLog(stream: string): boolean {
  return stream.startsWith('checkpoint-');
}
