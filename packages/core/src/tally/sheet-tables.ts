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

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

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

function addCell(table: Record<string, number>, value: string, sign: number): void {
  table[value] = (table[value] ?? 0) + sign;
}

function addCounts(target: Record<string, number>, counts: HeadCounts | undefined, sign: number): void {
  for (const [key, count] of Object.entries(counts ?? {})) target[key] = (target[key] ?? 0) + sign * count;
}

/** A mutable accumulator of sheet tables: add tallies (sign +1) or take them away (−1). */
export function createTablesAccumulator(
  crossTabulations: (catalogueVersion: string) => readonly (readonly [string, string])[],
) {
  const tables = emptySheetTables() as Mutable<SheetTables> & {
    listMarginals: Record<string, Record<string, number>>;
  };
  // Tallies of a sheet nearly always share one catalogue version: its pairs, once found, are
  // kept (an empty answer is asked again: the version may not have been adopted yet).
  let lastVersion: string | undefined;
  let lastPairs: readonly (readonly [string, string])[] = [];
  const pairsOf = (version: string): readonly (readonly [string, string])[] => {
    if (version === lastVersion) return lastPairs;
    const pairs = crossTabulations(version);
    if (pairs.length > 0) {
      lastVersion = version;
      lastPairs = pairs;
    }
    return pairs;
  };
  const addTally = (event: TallyEvent, sign: 1 | -1): void => {
    switch (event.type) {
      case 'ContactTallied': {
        const { marks } = event.data;
        tables.contacts += sign;
        for (const dimension in marks) {
          if (!Object.hasOwn(marks, dimension)) continue;
          const mark = marks[dimension] as StoredMark;
          if (typeof mark === 'string') {
            tables.marginals[dimension] ??= {};
            addCell(tables.marginals[dimension], mark, sign);
          } else {
            tables.listMarginals[dimension] ??= {};
            for (const entry of mark) addCell(tables.listMarginals[dimension], entry, sign);
          }
        }
        for (const pair of pairsOf(event.data.catalogueVersion)) {
          const a = marks[pair[0]];
          const b = marks[pair[1]];
          if (typeof a !== 'string' || typeof b !== 'string') continue;
          const key = crossTabulationKey(pair);
          tables.crossTabulations[key] ??= {};
          addCell(tables.crossTabulations[key], `${a}|${b}`, sign);
        }
        return;
      }
      case 'GroupMeetingTallied':
        tables.groupMeetings += sign;
        addCounts(tables.participants.adults, event.data.participants.adults, sign);
        addCounts(tables.participants.children, event.data.participants.children, sign);
        return;
      case 'VisitorsTallied':
        tables.visitorSessions += sign;
        addCounts(tables.visitors, event.data.visitors, sign);
        return;
      case 'TallyVoided':
        addTally(event.data.voided, sign === 1 ? -1 : 1);
        tables.voided += sign;
        return;
    }
  };
  return {
    addTally,
    addSeriesEnd(contacts: number, sign: 1 | -1 = 1): void {
      addCounts(tables.seriesLengths, { [String(contacts)]: 1 }, sign);
    },
    /** Adds another sheet's tables (or an amendment's delta). */
    addTables(other: SheetTables): void {
      tables.contacts += other.contacts;
      for (const [group, target] of [
        [other.marginals, tables.marginals],
        [other.listMarginals ?? {}, tables.listMarginals],
        [other.crossTabulations, tables.crossTabulations],
      ] as const) {
        for (const [name, cells] of Object.entries(group)) {
          target[name] ??= {};
          for (const [value, count] of Object.entries(cells)) addCell(target[name], value, count);
        }
      }
      tables.groupMeetings += other.groupMeetings;
      addCounts(tables.participants.adults, other.participants.adults, 1);
      addCounts(tables.participants.children, other.participants.children, 1);
      tables.visitorSessions += other.visitorSessions;
      addCounts(tables.visitors, other.visitors, 1);
      tables.voided += other.voided;
      addCounts(tables.seriesLengths, other.seriesLengths, 1);
    },
    tables: (): SheetTables => tables,
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
