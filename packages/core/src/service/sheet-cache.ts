import type { SheetCoordinates } from '../tally/events.js';
import type { LoadedSheet } from './kept-sheet.js';
import type { OpenKey } from './key-ring.js';

/** An open sheet: its (keyed) stream name and the period key it is sealed with. */
export interface OpenSheet {
  readonly stream: string;
  readonly coordinates: SheetCoordinates;
  readonly key: OpenKey;
}

/**
 * What the recorder keeps between commands: recently used sheets (least recently used first
 * out) and the sheets known to be registered, by coordinates — so a tally on a known sheet
 * needs no HMAC or registry read. Everything of a period is forgotten when it is sealed:
 * no subkey of a sealed period stays in a live process.
 */
export interface SheetCache {
  loaded(stream: string): LoadedSheet | undefined;
  remember(loaded: LoadedSheet): void;
  registered(coordinates: SheetCoordinates): OpenSheet | undefined;
  register(sheet: OpenSheet): void;
  forgetPeriod(period: string): void;
}

const coordinatesKey = (coordinates: SheetCoordinates): string =>
  `${coordinates.period}/${coordinates.interventionId}/${coordinates.unitId}`;

/** A sheet cache holding at most `capacity` loaded sheets. */
export function createSheetCache(capacity: number): SheetCache {
  const sheets = new Map<string, LoadedSheet>();
  const registered = new Map<string, OpenSheet>();
  return {
    loaded: (stream) => sheets.get(stream),
    remember(loaded) {
      sheets.delete(loaded.stream);
      sheets.set(loaded.stream, loaded);
      if (sheets.size > capacity) {
        const oldest = sheets.keys().next().value;
        if (oldest !== undefined) sheets.delete(oldest);
      }
    },
    registered: (coordinates) => registered.get(coordinatesKey(coordinates)),
    register(sheet) {
      registered.set(coordinatesKey(sheet.coordinates), sheet);
    },
    forgetPeriod(period) {
      const prefix = `tally-${period}-`;
      for (const stream of [...sheets.keys()]) if (stream.startsWith(prefix)) sheets.delete(stream);
      for (const [key, sheet] of [...registered])
        if (sheet.coordinates.period === period) registered.delete(key);
    },
  };
}
