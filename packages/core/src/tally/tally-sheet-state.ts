import type { CatalogueHistory } from '../catalogue/catalogue-history.js';
import type { VoidableTally } from './events.js';

/** What the sheet knows about one tally on it: the tally itself (a void carries it), and whether it was voided. */
export interface TallyEntry {
  readonly tally: VoidableTally;
  readonly voided: boolean;
}

/**
 * The storage behind a {@link TallyIndex}: an append-only table shared by successive states.
 * Every change is stamped with the version it creates, so a state sees exactly the changes up
 * to its own version; nothing a state can see is ever changed in place.
 */
interface TallyTable {
  /** The version of the newest state built on this table. */
  version: number;
  readonly positions: Map<string, number>;
  readonly tallies: VoidableTally[];
  readonly addedAt: number[];
  /** The version that voided each tally, or `Infinity`. */
  readonly voidedAt: number[];
}

/**
 * Tallies by id, as a persistent map: adding a tally or voiding one costs O(1) however many
 * tallies the sheet holds (a copy-on-write map would copy them all on every tally), and every
 * earlier state stays exactly as it was. Evolving an older state again (a branch) copies the
 * part of the table it can see first.
 */
export interface TallyIndex {
  readonly version: number;
  readonly table: TallyTable | undefined;
}

/** An index with no tallies. */
export const emptyTallyIndex: TallyIndex = { version: 0, table: undefined };

const visiblePosition = (index: TallyIndex, tallyId: string): number | undefined => {
  const position = index.table?.positions.get(tallyId);
  if (position === undefined) return undefined;
  return (index.table?.addedAt[position] as number) <= index.version ? position : undefined;
};

/** A tally on a sheet, by id. */
export function findTally(tallies: TallyIndex, tallyId: string): TallyEntry | undefined {
  const position = visiblePosition(tallies, tallyId);
  if (position === undefined) return undefined;
  const table = tallies.table as TallyTable;
  return {
    tally: table.tallies[position] as VoidableTally,
    voided: (table.voidedAt[position] as number) <= tallies.version,
  };
}

/** A table this version may extend in place: its own when it is the newest, else a copy of what it sees. */
function writableTable(index: TallyIndex): TallyTable {
  const { table, version } = index;
  if (table !== undefined && table.version === version) return table;
  const copy: TallyTable = { version, positions: new Map(), tallies: [], addedAt: [], voidedAt: [] };
  if (table === undefined) return copy;
  for (let position = 0; position < table.tallies.length; position += 1) {
    if ((table.addedAt[position] as number) > version) continue;
    const voidedAt = table.voidedAt[position] as number;
    copy.positions.set((table.tallies[position] as VoidableTally).data.tallyId, copy.tallies.length);
    copy.tallies.push(table.tallies[position] as VoidableTally);
    copy.addedAt.push(table.addedAt[position] as number);
    copy.voidedAt.push(voidedAt <= version ? voidedAt : Number.POSITIVE_INFINITY);
  }
  return copy;
}

/** The index with a tally added (replacing, not voided, any earlier tally with the same id). */
export function withTally(index: TallyIndex, tally: VoidableTally): TallyIndex {
  const tallyId = tally.data.tallyId;
  let table = writableTable(index);
  const version = index.version + 1;
  if (table.positions.has(tallyId)) {
    // Replacing a tally earlier states can see: this version gets a table of its own.
    if (table === index.table)
      table = writableTable({ version: index.version, table: { ...table, version: -1 } });
    const position = table.positions.get(tallyId) as number;
    table.tallies[position] = tally;
    table.addedAt[position] = version;
    table.voidedAt[position] = Number.POSITIVE_INFINITY;
  } else {
    table.positions.set(tallyId, table.tallies.length);
    table.tallies.push(tally);
    table.addedAt.push(version);
    table.voidedAt.push(Number.POSITIVE_INFINITY);
  }
  table.version = version;
  return { version, table };
}

/** The index with a tally voided; unchanged when the tally is not on it or already voided. */
export function withVoided(index: TallyIndex, tallyId: string): TallyIndex {
  const entry = findTally(index, tallyId);
  if (entry === undefined || entry.voided) return index;
  const table = writableTable(index);
  const version = index.version + 1;
  table.voidedAt[table.positions.get(tallyId) as number] = version;
  table.version = version;
  return { version, table };
}

/** The state a tally-sheet decision needs: the catalogue's history and the sheet's tallies. */
export interface TallySheetState {
  readonly catalogues: CatalogueHistory;
  readonly tallies: TallyIndex;
  /** Closed for sealing: nothing more is tallied on the sheet. */
  readonly closed: boolean;
}

/** A sheet with no tallies and no catalogue. */
export const emptyTallySheet: TallySheetState = { catalogues: [], tallies: emptyTallyIndex, closed: false };
