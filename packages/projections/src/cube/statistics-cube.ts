import {
  type Catalogue,
  catalogueVersion,
  createTablesAccumulator,
  type SealedSheet,
  type SheetAmended,
  type SheetCoordinates,
  type SheetDetailEvent,
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

/** One sheet of a cube as JSON. */
export type CubeSheetSnapshot = SheetCoordinates & {
  readonly tables: SheetTables;
  readonly sealed: boolean;
  readonly amendments: number;
};

/** The JSON form of a cube, for checkpoints (the projection encrypts open periods' sheets before saving). */
export interface CubeSnapshot {
  readonly catalogues: readonly Catalogue[];
  readonly sheets: readonly CubeSheetSnapshot[];
  readonly undecryptable: number;
  /** Periods whose seal was read (absent in checkpoints written before it). */
  readonly sealedPeriods?: readonly string[];
  /** Tables read in a period's stream whose seal has not been read yet (absent in older checkpoints). */
  readonly heldTables?: readonly { readonly period: string; readonly sheets: readonly SealedSheet[] }[];
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
  // The seal comes after its tables: tables read after it are no part of them (attack 27).
  const sealedPeriods = new Set<string>();
  // Tables wait for their seal: until it is read and holds, they may be anyone's (attack 28).
  const heldTables = new Map<string, SealedSheet[]>();

  // Pairs by intervention and version, found once; adopting a catalogue forgets them.
  const pairs = new Map<string, readonly (readonly [string, string])[]>();
  const crossTabulationsOf = (interventionId: string) => {
    // The last answer, while no catalogue was adopted since: a sheet's tallies nearly all name
    // one version, and an intervention without pairs asked the map (and built its key) per tally.
    let lastVersion: string | undefined;
    let lastAdopted = -1;
    let lastFound: readonly (readonly [string, string])[] = [];
    return (version: string) => {
      if (version === lastVersion && lastAdopted === catalogues.length) return lastFound;
      const key = `${interventionId}\u0000${version}`;
      let found = pairs.get(key);
      if (found === undefined) {
        found =
          catalogueVersion(catalogues, version)?.interventions.find((policy) => policy.id === interventionId)
            ?.tally.contact?.crossTabulations ?? [];
        pairs.set(key, found);
      }
      lastVersion = version;
      lastAdopted = catalogues.length;
      lastFound = found;
      return found;
    };
  };

  // Entries by period, then by intervention, then by unit: no sheet key built per event.
  const byPeriod = new Map<string, Map<string, Map<string, Entry>>>();
  const entryFor = (coordinates: SheetCoordinates): Entry => {
    let interventions = byPeriod.get(coordinates.period);
    if (interventions === undefined) {
      interventions = new Map();
      byPeriod.set(coordinates.period, interventions);
    }
    let units = interventions.get(coordinates.interventionId);
    if (units === undefined) {
      units = new Map();
      interventions.set(coordinates.interventionId, units);
    }
    const known = units.get(coordinates.unitId);
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
    units.set(coordinates.unitId, entry);
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
      else if (event.type !== 'SheetClosed' && event.type !== 'SeriesEndMarked')
        entry.accumulator.addTally(event, 1);
    },
    /** Detail that can no longer be read (its key is destroyed); its sheet's SheetSealed carries it. */
    skipUndecryptable(): void {
      undecryptable += 1;
    },
    /** A sealed sheet's tables replace whatever was folded from its detail (the same numbers). */
    applySealed(period: string, sheet: SealedSheet): void {
      const entry = entryFor({ period, interventionId: sheet.interventionId, unitId: sheet.unitId });
      entry.accumulator = createTablesAccumulator(crossTabulationsOf(sheet.interventionId));
      entry.accumulator.addTables(sheet.tables);
      entry.sealed = true;
    },
    /** Keeps a period's tables until its seal is read (`takeHeld` hands them over). */
    holdSealed(period: string, sheets: readonly SealedSheet[]): void {
      heldTables.set(period, [...(heldTables.get(period) ?? []), ...sheets]);
    },
    /** The tables held for a period, in the order read; none are held afterwards. */
    takeHeld(period: string): readonly SealedSheet[] {
      const held = heldTables.get(period) ?? [];
      heldTables.delete(period);
      return held;
    },
    /** A period's seal was read: tables that come after it are not its tables. */
    closePeriod(period: string): void {
      sealedPeriods.add(period);
    },
    /** Whether a period's seal was read. */
    isPeriodClosed: (period: string): boolean => sealedPeriods.has(period),
    applyAmended(amendment: SheetAmended['data']): void {
      const entry = entryFor(amendment);
      entry.accumulator.addTables(amendment.delta);
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
    snapshot(): CubeSnapshot {
      const snapshot: CubeSnapshot = {
        catalogues,
        sheets: [...entries.values()].map((entry) => ({
          ...entry.coordinates,
          tables: entry.accumulator.tables(),
          sealed: entry.sealed,
          amendments: entry.amendments,
        })),
        undecryptable,
        sealedPeriods: [...sealedPeriods].sort(),
        heldTables: [...heldTables].map(([period, sheets]) => ({ period, sheets })),
      };
      return JSON.parse(JSON.stringify(snapshot)) as CubeSnapshot;
    },
    restore(snapshot: CubeSnapshot): void {
      catalogues.push(...snapshot.catalogues);
      // As at an adoption: a version unknown before may be known now.
      pairs.clear();
      undecryptable = snapshot.undecryptable;
      for (const period of snapshot.sealedPeriods ?? []) sealedPeriods.add(period);
      for (const { period, sheets } of snapshot.heldTables ?? []) heldTables.set(period, [...sheets]);
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
