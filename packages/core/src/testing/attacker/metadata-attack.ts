import { ENCRYPTED_TYPE } from '../../envelope/seal-event.js';
import { privateStreamOf, SERIES_INDEX_STREAM } from '../../streams.js';
import type { AttackerView } from './attacker-view.js';
import { stringsIn } from './attacker-view.js';

/** What a private event's clear parts tell: its type, and the lengths of its kind's payloads. */
export interface MetadataAttack {
  /** Clear types other than `Encrypted` on private streams. */
  readonly typesInClear: readonly string[];
  /** Distinct payload lengths per private stream kind. */
  readonly lengths: Readonly<Record<string, readonly number[]>>;
  /** Header lengths other than the envelope's fixed one. */
  readonly headerLengths: readonly number[];
}

/** Reads every private event's clear parts. */
export function readMetadata(view: AttackerView): MetadataAttack {
  const types = new Set<string>();
  const lengths: Record<string, Set<number>> = {};
  const headers = new Set<number>();
  for (const event of view.sealed) {
    const kind = privateStreamOf(event.stream)?.kind ?? 'public';
    if (event.type !== ENCRYPTED_TYPE) types.add(event.type);
    lengths[kind] ??= new Set();
    lengths[kind].add(event.data.length);
    headers.add(event.metadata.length);
  }
  return {
    typesInClear: [...types],
    lengths: Object.fromEntries(
      Object.entries(lengths).map(([kind, set]) => [kind, [...set].sort((a, b) => a - b)]),
    ),
    headerLengths: [...headers].filter((length) => length !== 34),
  };
}

/**
 * Values stored in clear on both sides of the line between series and sheets: a series'
 * streams and its index on one side; tally sheets, registries and periods on the other. Event
 * ids count (they are clear), and so do the strings of clear payloads. Any shared value links a
 * series to a sheet.
 */
export function sharedClearValues(view: AttackerView): readonly string[] {
  const seriesSide = new Set<string>();
  const sheetSide = new Set<string>();
  const sideOf = (stream: string): Set<string> | undefined => {
    if (stream === SERIES_INDEX_STREAM || stream.startsWith('series-')) return seriesSide;
    if (stream.startsWith('tally-') || stream.startsWith('registry-') || stream.startsWith('period-'))
      return sheetSide;
    return undefined;
  };
  for (const event of view.events) sideOf(event.stream)?.add(event.id);
  for (const event of view.clear) {
    const side = sideOf(event.stream);
    if (side === undefined) continue;
    stringsIn(event.data, side);
    stringsIn(event.meta, side);
  }
  // Codes and labels of the public catalogue are on both sides by design; values that could link are long.
  return [...seriesSide].filter((value) => value.length >= 16 && sheetSide.has(value));
}
