import type { RawTable } from '../report/report-model.js';
import { netTerms, tableEntries, tableLines } from './table-lines.js';

/**
 * Something wrong with the tables handed to disclosure control. Problems name places and
 * keys, never counts, so they can be logged without disclosing anything.
 */
export type RawTableProblem =
  | { readonly code: 'TABLE_SHAPE'; readonly tableId: string; readonly detail: string }
  | { readonly code: 'NOT_A_COUNT'; readonly tableId: string; readonly key: string }
  | {
      readonly code: 'NOT_ADDITIVE';
      readonly tableId: string;
      readonly line: 'row' | 'column' | 'row-totals' | 'column-totals';
      readonly index: number;
    }
  | { readonly code: 'CONFLICTING_QUANTITY'; readonly key: string; readonly tableIds: readonly string[] }
  | { readonly code: 'DUPLICATE_TABLE_ID'; readonly tableId: string };

function shapeProblems(table: RawTable): RawTableProblem[] {
  const problem = (detail: string): RawTableProblem => ({ code: 'TABLE_SHAPE', tableId: table.id, detail });
  const problems: RawTableProblem[] = [];
  if (table.cells.length !== table.rows.length) problems.push(problem('cells: one row per row heading'));
  table.cells.forEach((row, index) => {
    if (row.length !== table.columns.length)
      problems.push(problem(`cells[${index}]: one cell per column heading`));
  });
  if (table.rowTotals.length !== table.rows.length) problems.push(problem('rowTotals: one per row heading'));
  if (table.columnTotals.length !== table.columns.length) {
    problems.push(problem('columnTotals: one per column heading'));
  }
  return problems;
}

/**
 * Checks tables before disclosure control: shapes match the headings, every value is a
 * non-negative whole count, rows and columns add up to their totals, table ids are unique,
 * and a key shared between tables has the same value everywhere. An empty list means fine.
 */
export function checkRawTables(tables: readonly RawTable[]): RawTableProblem[] {
  const problems: RawTableProblem[] = [];
  const ids = new Set<string>();
  const seen = new Map<string, { value: number; tableIds: string[]; conflicts: boolean }>();
  for (const table of tables) {
    if (ids.has(table.id)) problems.push({ code: 'DUPLICATE_TABLE_ID', tableId: table.id });
    ids.add(table.id);
    problems.push(...shapeProblems(table));
    const own = new Map<string, number>();
    for (const quantity of tableEntries(table)) {
      own.set(quantity.key, quantity.value);
      if (!Number.isSafeInteger(quantity.value) || quantity.value < 0) {
        problems.push({ code: 'NOT_A_COUNT', tableId: table.id, key: quantity.key });
      }
      const earlier = seen.get(quantity.key);
      if (earlier === undefined) {
        seen.set(quantity.key, { value: quantity.value, tableIds: [table.id], conflicts: false });
        continue;
      }
      if (!earlier.tableIds.includes(table.id)) earlier.tableIds.push(table.id);
      if (earlier.value !== quantity.value) earlier.conflicts = true;
    }
    for (const line of tableLines([table])) {
      let sum = 0;
      for (const [key, coefficient] of netTerms(line)) sum += coefficient * (own.get(key) ?? 0);
      if (sum !== 0)
        problems.push({ code: 'NOT_ADDITIVE', tableId: table.id, line: line.kind, index: line.index });
    }
  }
  for (const [key, { tableIds, conflicts }] of seen) {
    if (conflicts) problems.push({ code: 'CONFLICTING_QUANTITY', key, tableIds });
  }
  return problems;
}
