import type { HeadCounts, SheetDetailEvent, StoredMark, TallyEvent } from './events.js';

/**
 * A table of counts by value: a marginal (`gender` → `female`) or a cross-tabulation
 * (`female|30-34`). Counts only: no per-record value (no record key, no sum of them) is ever
 * kept beside a count, so cells with equal companions cannot be linked to one contact.
 */
export type CellTable = Readonly<Record<string, number>>;

/**
 * The aggregate of one tally sheet: what stays when the detail is shredded. Contacts have
 * marginal tables per dimension and the cross-tabulations the policy declares; group
 * meetings and visitors keep their head counts by gender.
 */
export interface SheetTables {
  readonly contacts: number;
  /** Contacts by the value of each dimension: every marginal adds up to `contacts`. */
  readonly marginals: Readonly<Record<string, CellTable>>;
  /**
   * For each list dimension (the ages of all the children a contact concerns), the people
   * listed by value: these count children, not contacts, so they are kept apart from the
   * marginals. Absent from tables written before list dimensions existed.
   */
  readonly listMarginals?: Readonly<Record<string, CellTable>>;
  /** Keyed `dimensionA×dimensionB`, cells `valueA|valueB`. */
  readonly crossTabulations: Readonly<Record<string, CellTable>>;
  readonly groupMeetings: number;
  readonly participants: { readonly adults: HeadCounts; readonly children: HeadCounts };
  readonly visitorSessions: number;
  readonly visitors: HeadCounts;
  /** Tallies voided on the sheet (they are not in the counts). */
  readonly voided: number;
  /** Ended series by their number of contacts (`"3"` → how many series had three). */
  readonly seriesLengths: HeadCounts;
}

/** The key of a cross-tabulation. */
export const crossTabulationKey = (pair: readonly [string, string]): string => `${pair[0]}×${pair[1]}`;

/** Tables with nothing in them. */
export function emptySheetTables(): SheetTables {
  return {
    contacts: 0,
    marginals: {},
    listMarginals: {},
    crossTabulations: {},
    groupMeetings: 0,
    participants: { adults: {}, children: {} },
    visitorSessions: 0,
    visitors: {},
    voided: 0,
    seriesLengths: {},
  };
}

/** Counts by value, in the order values were first met. */
type Counts = Map<string, number>;
/** Tables of counts by name (a dimension, or a pair of them). */
type NamedCounts = Map<string, Counts>;

function addCell(table: Counts, value: string, sign: number): void {
  table.set(value, (table.get(value) ?? 0) + sign);
}

function countsNamed(tables: NamedCounts, name: string): Counts {
  let table = tables.get(name);
  if (table === undefined) {
    table = new Map();
    tables.set(name, table);
  }
  return table;
}

function addCounts(target: Counts, counts: HeadCounts | undefined, sign: number): void {
  if (counts === undefined) return;
  for (const key of Object.keys(counts)) addCell(target, key, sign * (counts[key] as number));
}

const asRecord = (table: Counts): Record<string, number> => Object.fromEntries(table);

function asRecords(tables: NamedCounts): Record<string, CellTable> {
  const records: Record<string, CellTable> = {};
  for (const [name, table] of tables) records[name] = asRecord(table);
  return records;
}

/**
 * A mutable accumulator of sheet tables: add tallies (sign +1) or take them away (−1).
 * Counts are kept in Maps while tallies are added, and written out as plain tables when asked:
 * objects used as dictionaries, one shape each, made every lookup in a replay megamorphic
 * (≈ 0.8 µs a contact, 10 % of an open-year rebuild).
 */
export function createTablesAccumulator(
  crossTabulations: (catalogueVersion: string) => readonly (readonly [string, string])[],
) {
  let contacts = 0;
  let groupMeetings = 0;
  let visitorSessions = 0;
  let voided = 0;
  const marginals: NamedCounts = new Map();
  const listMarginals: NamedCounts = new Map();
  const crossTabulated: NamedCounts = new Map();
  const adults: Counts = new Map();
  const children: Counts = new Map();
  const visitors: Counts = new Map();
  const seriesLengths: Counts = new Map();
  // Tallies of a sheet nearly always share one catalogue version: its pairs, once found, are
  // kept (an empty answer is asked again: the version may not have been adopted yet).
  let lastVersion: string | undefined;
  let lastPairs: readonly (readonly [string, string])[] = [];
  let lastKeys: readonly string[] = [];
  const pairsOf = (version: string): readonly (readonly [string, string])[] => {
    if (version === lastVersion) return lastPairs;
    const pairs = crossTabulations(version);
    if (pairs.length > 0) {
      lastVersion = version;
      lastPairs = pairs;
      lastKeys = pairs.map(crossTabulationKey);
    }
    return pairs;
  };
  const keysOf = (pairs: readonly (readonly [string, string])[]): readonly string[] =>
    pairs === lastPairs ? lastKeys : pairs.map(crossTabulationKey);
  const addTally = (event: TallyEvent, sign: 1 | -1): void => {
    switch (event.type) {
      case 'ContactTallied': {
        const { marks } = event.data;
        contacts += sign;
        for (const dimension of Object.keys(marks)) {
          const mark = marks[dimension] as StoredMark;
          if (typeof mark === 'string') addCell(countsNamed(marginals, dimension), mark, sign);
          else {
            const table = countsNamed(listMarginals, dimension);
            for (const entry of mark) addCell(table, entry, sign);
          }
        }
        const pairs = pairsOf(event.data.catalogueVersion);
        const keys = keysOf(pairs);
        for (let index = 0; index < pairs.length; index += 1) {
          const pair = pairs[index] as readonly [string, string];
          const a = marks[pair[0]];
          const b = marks[pair[1]];
          if (typeof a !== 'string' || typeof b !== 'string') continue;
          addCell(countsNamed(crossTabulated, keys[index] as string), `${a}|${b}`, sign);
        }
        return;
      }
      case 'GroupMeetingTallied':
        groupMeetings += sign;
        addCounts(adults, event.data.participants.adults, sign);
        addCounts(children, event.data.participants.children, sign);
        return;
      case 'VisitorsTallied':
        visitorSessions += sign;
        addCounts(visitors, event.data.visitors, sign);
        return;
      case 'TallyVoided':
        addTally(event.data.voided, sign === 1 ? -1 : 1);
        voided += sign;
        return;
    }
  };
  const addNamed = (target: NamedCounts, group: Readonly<Record<string, CellTable>>): void => {
    for (const name of Object.keys(group)) addCounts(countsNamed(target, name), group[name], 1);
  };
  return {
    addTally,
    addSeriesEnd(length: number, sign: 1 | -1 = 1): void {
      addCell(seriesLengths, String(length), sign);
    },
    /** Adds another sheet's tables (or an amendment's delta). */
    addTables(other: SheetTables): void {
      contacts += other.contacts;
      addNamed(marginals, other.marginals);
      addNamed(listMarginals, other.listMarginals ?? {});
      addNamed(crossTabulated, other.crossTabulations);
      groupMeetings += other.groupMeetings;
      addCounts(adults, other.participants.adults, 1);
      addCounts(children, other.participants.children, 1);
      visitorSessions += other.visitorSessions;
      addCounts(visitors, other.visitors, 1);
      voided += other.voided;
      addCounts(seriesLengths, other.seriesLengths, 1);
    },
    /** The tables as they stand: a new object each call, not changed by later additions. */
    tables: (): SheetTables => ({
      contacts,
      marginals: asRecords(marginals),
      listMarginals: asRecords(listMarginals),
      crossTabulations: asRecords(crossTabulated),
      groupMeetings,
      participants: { adults: asRecord(adults), children: asRecord(children) },
      visitorSessions,
      visitors: asRecord(visitors),
      voided,
      seriesLengths: asRecord(seriesLengths),
    }),
  };
}

/**
 * Folds a sheet's detail into its tables, in one pass: a void takes away the tally it carries
 * (and is counted as voided), an ended series is counted by its length. The same fold serves
 * sealing and the statistics.
 */
export function foldSheet(
  events: readonly SheetDetailEvent[],
  crossTabulations: (catalogueVersion: string) => readonly (readonly [string, string])[],
): SheetTables {
  const accumulator = createTablesAccumulator(crossTabulations);
  for (const event of events) {
    if (event.type === 'SeriesEnded') accumulator.addSeriesEnd(event.data.contacts);
    else if (event.type !== 'SheetClosed' && event.type !== 'SeriesEndMarked') accumulator.addTally(event, 1);
  }
  return accumulator.tables();
}
