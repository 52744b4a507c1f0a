/**
 * Seeded report generators for the disclosure and format tests (not exported from the
 * package): random count tables, and reports tabulated from random records so that tables
 * share their margins the way a real report's tables do.
 */
import { seededRandom } from '@pinnstatistik/core';
import type { Axis, Quantity, RawTable } from '../report/report-model.js';

/** A source of uniform numbers in [0, 1). */
export type Uniform = () => number;

/** A seeded uniform source (mulberry32). */
export const uniform = (seed: number): Uniform => seededRandom(seed).next;

const between = (next: Uniform, low: number, high: number): number =>
  low + Math.floor(next() * (high - low + 1));

/** A count skewed towards small numbers: mostly 0–6, now and then a large one. */
export function skewedCount(next: Uniform): number {
  const roll = next();
  if (roll < 0.15) return 0;
  if (roll < 0.8) return between(next, 1, 6);
  return between(next, 5, 60);
}

const axis = (key: string, label: string): Axis => ({ key, label: { sv: label, en: label } });

/** A table whose quantities all have their own keys, from a matrix of counts. */
export function countTable(id: string, counts: readonly (readonly number[])[]): RawTable {
  const rows = counts.map((_, row) => axis(`r${row}`, `Rad ${row} | row`));
  const columns = (counts[0] ?? []).map((_, column) => axis(`c${column}`, `Kolumn ${column}`));
  const q = (key: string, value: number): Quantity => ({ key: `${id}|${key}`, value });
  const rowSums = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnSums = columns.map((_, column) => counts.reduce((sum, row) => sum + (row[column] ?? 0), 0));
  return {
    id,
    interventionId: 'iv',
    title: { sv: `Tabell ${id}`, en: `Table ${id}` },
    rowHeader: { sv: 'Rader', en: 'Rows' },
    columnHeader: { sv: 'Kolumner', en: 'Columns' },
    rows,
    columns,
    cells: counts.map((row, r) => row.map((value, c) => q(`r${r}|c${c}`, value))),
    rowTotals: rowSums.map((value, r) => q(`r${r}`, value)),
    columnTotals: columnSums.map((value, c) => q(`c${c}`, value)),
    total: q(
      'all',
      rowSums.reduce((a, b) => a + b, 0),
    ),
  };
}

/** A random table of 2–8 × 2–8 skewed counts with its own keys. */
export function randomCountTable(next: Uniform, id: string): RawTable {
  const rows = between(next, 2, 8);
  const columns = between(next, 2, 8);
  return countTable(
    id,
    Array.from({ length: rows }, () => Array.from({ length: columns }, () => skewedCount(next))),
  );
}

/** A dimension of the random records: its name and how many categories it has. */
export interface Dimension {
  readonly name: string;
  readonly size: number;
}

type RecordValues = Readonly<Record<string, number>>;

/** Random records whose categories follow skewed (roughly Zipf) frequencies, so many cells are small. */
export function randomRecords(
  next: Uniform,
  dimensions: readonly Dimension[],
  count: number,
): RecordValues[] {
  const pick = (size: number): number => {
    const weights = Array.from({ length: size }, (_, index) => 1 / (index + 1));
    let roll = next() * weights.reduce((a, b) => a + b, 0);
    for (let index = 0; index < size; index++) {
      roll -= weights[index] ?? 0;
      if (roll < 0) return index;
    }
    return size - 1;
  };
  return Array.from({ length: count }, () =>
    Object.fromEntries(dimensions.map((dimension) => [dimension.name, pick(dimension.size)])),
  );
}

/**
 * Tabulates records by two dimensions. Keys are canonical — `contacts|iv|` and the sorted
 * `dimension=category` pairs, `all` for the grand total — so the same quantity has the same
 * key in every table: the period totals are shared by every `period × …` table, and a
 * cross-tabulation's margins are the column totals of the marginal tables.
 */
export function tabulate(records: readonly RecordValues[], row: Dimension, column: Dimension): RawTable {
  const key = (pairs: readonly (readonly [string, number])[]): string =>
    pairs.length === 0
      ? 'contacts|iv|all'
      : `contacts|iv|${[...pairs]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, value]) => `${name}=${value}`)
          .join('|')}`;
  const counts = Array.from({ length: row.size }, () => Array.from({ length: column.size }, () => 0));
  for (const record of records) {
    const r = record[row.name] ?? 0;
    const c = record[column.name] ?? 0;
    const line = counts[r];
    if (line !== undefined) line[c] = (line[c] ?? 0) + 1;
  }
  const rowSums = counts.map((line) => line.reduce((a, b) => a + b, 0));
  const columnSums = Array.from({ length: column.size }, (_, c) =>
    counts.reduce((sum, line) => sum + (line[c] ?? 0), 0),
  );
  return {
    id: `${row.name}-x-${column.name}`,
    interventionId: 'iv',
    title: {
      sv: `Kontakter efter ${row.name} och ${column.name}`,
      en: `Contacts by ${row.name} and ${column.name}`,
    },
    rowHeader: { sv: row.name, en: row.name },
    columnHeader: { sv: column.name, en: column.name },
    rows: Array.from({ length: row.size }, (_, r) => axis(`${row.name}=${r}`, `${row.name} ${r}`)),
    columns: Array.from({ length: column.size }, (_, c) =>
      axis(`${column.name}=${c}`, `${column.name} ${c}`),
    ),
    cells: counts.map((line, r) =>
      line.map((value, c) => ({
        key: key([
          [row.name, r],
          [column.name, c],
        ]),
        value,
      })),
    ),
    rowTotals: rowSums.map((value, r) => ({ key: key([[row.name, r]]), value })),
    columnTotals: columnSums.map((value, c) => ({ key: key([[column.name, c]]), value })),
    total: { key: key([]), value: rowSums.reduce((a, b) => a + b, 0) },
  };
}

/** Marginal tables `period × dimension` for several dimensions: they all share the period totals. */
export function linkedMarginals(next: Uniform): RawTable[] {
  const period: Dimension = { name: 'period', size: between(next, 2, 8) };
  const dimensions: Dimension[] = Array.from({ length: between(next, 2, 3) }, (_, index) => ({
    name: `d${index}`,
    size: between(next, 2, 6),
  }));
  const records = randomRecords(next, [period, ...dimensions], between(next, 5, 120));
  return dimensions.map((dimension) => tabulate(records, period, dimension));
}

/**
 * A cross-tabulation `gender × age` with its two marginals `period × gender` and
 * `period × age`: the cross-tabulation's row (column) totals are the marginals' column totals.
 */
export function crossTabulationWithMarginals(next: Uniform): RawTable[] {
  const period: Dimension = { name: 'period', size: between(next, 2, 6) };
  const gender: Dimension = { name: 'gender', size: between(next, 2, 3) };
  const age: Dimension = { name: 'age', size: between(next, 2, 6) };
  const records = randomRecords(next, [period, gender, age], between(next, 5, 150));
  return [tabulate(records, period, gender), tabulate(records, period, age), tabulate(records, gender, age)];
}

/** One of the three kinds of report, chosen by the seed. */
export function seededReport(seed: number): RawTable[] {
  const next = uniform(seed);
  const kind = between(next, 0, 2);
  if (kind === 0)
    return Array.from({ length: between(next, 1, 3) }, (_, index) => randomCountTable(next, `t${index}`));
  if (kind === 1) return linkedMarginals(next);
  return crossTabulationWithMarginals(next);
}
