import {
  type Catalogue,
  catalogueVersion,
  createTablesAccumulator,
  type JsonValue,
  type SheetAmended,
  type SheetCoordinates,
  type SheetDetailEvent,
  type SheetSealed,
  type SheetTables,
  sheetKey,
} from '@pinnstatistik/core';

/** One sheet in the cube: its tables, and where they came from. */
export interface CubeSheet extends SheetCoordinates {
  readonly tables: SheetTables;
  /** True once the sheet's `SheetSealed` tables replaced what was folded from detail. */
  readonly sealed: boolean;
  /** Amendments applied after sealing. */
  readonly amendments: number;
}

type Accumulator = ReturnType<typeof createTablesAccumulator>;

interface Entry {
  coordinates: SheetCoordinates;
  accumulator: Accumulator;
  sealed: boolean;
  amendments: number;
}

/** The JSON form of a cube, for checkpoints. */
interface CubeSnapshot {
  readonly catalogues: readonly Catalogue[];
  readonly sheets: readonly (SheetCoordinates & {
    tables: SheetTables;
    sealed: boolean;
    amendments: number;
  })[];
  readonly undecryptable: number;
}

/**
 * The statistics cube: per intervention × unit × month, the same tables a sealed sheet keeps.
 * Open months fold their (decrypted) detail; a `SheetSealed` replaces what was folded — the
 * numbers are the same, so a live projection keeps its numbers when a sheet is sealed — and
 * amendments add their deltas. Memory grows with the number of sheets, never with events.
 */
export function createStatisticsCube() {
  const catalogues: Catalogue[] = [];
  const entries = new Map<string, Entry>();
  let undecryptable = 0;

  // Pairs by intervention and version, found once; adopting a catalogue forgets them.
  const pairs = new Map<string, readonly (readonly [string, string])[]>();
  const crossTabulationsOf = (interventionId: string) => (version: string) => {
    const key = `${interventionId}\u0000${version}`;
    let found = pairs.get(key);
    if (found === undefined) {
      found =
        catalogueVersion(catalogues, version)?.interventions.find((policy) => policy.id === interventionId)
          ?.tally.contact?.crossTabulations ?? [];
      pairs.set(key, found);
    }
    return found;
  };

  // Entries by period, then by intervention and unit: no sheet key built per event.
  const byPeriod = new Map<string, Map<string, Entry>>();
  const entryFor = (coordinates: SheetCoordinates): Entry => {
    let sheets = byPeriod.get(coordinates.period);
    if (sheets === undefined) {
      sheets = new Map();
      byPeriod.set(coordinates.period, sheets);
    }
    const known = sheets.get(`${coordinates.interventionId}\u0000${coordinates.unitId}`);
    if (known !== undefined) return known;
    const key = `${coordinates.period}/${sheetKey(coordinates)}`;
    let entry = entries.get(key);
    if (entry === undefined) {
      entry = {
        coordinates: {
          interventionId: coordinates.interventionId,
          unitId: coordinates.unitId,
          period: coordinates.period,
        },
        accumulator: createTablesAccumulator(crossTabulationsOf(coordinates.interventionId)),
        sealed: false,
        amendments: 0,
      };
      entries.set(key, entry);
    }
    sheets.set(`${coordinates.interventionId}\u0000${coordinates.unitId}`, entry);
    return entry;
  };

  return {
    adoptCatalogue(catalogue: Catalogue): void {
      catalogues.push(catalogue);
      pairs.clear();
    },
    /** Folds one decrypted detail event of an open sheet. */
    applyDetail(event: SheetDetailEvent): void {
      const entry = entryFor(event.data);
      if (entry.sealed) return; // already summarised by its SheetSealed
      if (event.type === 'SeriesEnded') entry.accumulator.addSeriesEnd(event.data.contacts);
      else if (event.type !== 'SheetClosed') entry.accumulator.addTally(event, 1);
    },
    /** Detail that can no longer be read (its key is destroyed); its sheet's SheetSealed carries it. */
    skipUndecryptable(): void {
      undecryptable += 1;
    },
    applySealed(event: SheetSealed): void {
      const entry = entryFor(event.data);
      entry.accumulator = createTablesAccumulator(crossTabulationsOf(event.data.interventionId));
      entry.accumulator.addTables(event.data.tables);
      entry.sealed = true;
    },
    applyAmended(event: SheetAmended): void {
      const entry = entryFor(event.data);
      entry.accumulator.addTables(event.data.delta);
      entry.amendments += 1;
    },
    catalogues: (): readonly Catalogue[] => catalogues,
    *sheets(): Iterable<CubeSheet> {
      for (const entry of entries.values()) {
        yield {
          ...entry.coordinates,
          tables: entry.accumulator.tables(),
          sealed: entry.sealed,
          amendments: entry.amendments,
        };
      }
    },
    get undecryptable(): number {
      return undecryptable;
    },
    snapshot(): JsonValue {
      const snapshot: CubeSnapshot = {
        catalogues,
        sheets: [...entries.values()].map((entry) => ({
          ...entry.coordinates,
          tables: entry.accumulator.tables(),
          sealed: entry.sealed,
          amendments: entry.amendments,
        })),
        undecryptable,
      };
      return JSON.parse(JSON.stringify(snapshot)) as JsonValue;
    },
    restore(json: JsonValue): void {
      const snapshot = json as unknown as CubeSnapshot;
      catalogues.push(...snapshot.catalogues);
      undecryptable = snapshot.undecryptable;
      for (const sheet of snapshot.sheets) {
        const entry = entryFor(sheet);
        entry.accumulator.addTables(sheet.tables);
        entry.sealed = sheet.sealed;
        entry.amendments = sheet.amendments;
      }
    },
  };
}

/** A statistics cube. */
export type StatisticsCube = ReturnType<typeof createStatisticsCube>;
