/** What the structure of a table needs of its entries: a quantity key. */
interface Keyed {
  readonly key: string;
}

/** The shape shared by raw and published tables: cells and margins, each with a quantity key. */
export interface TableShape<Entry extends Keyed = Keyed> {
  readonly cells: readonly (readonly Entry[])[];
  readonly rowTotals: readonly Entry[];
  readonly columnTotals: readonly Entry[];
  readonly total: Entry;
}

/** One term of an additivity equation: `coefficient × quantity`. */
export interface LineTerm {
  readonly key: string;
  readonly coefficient: 1 | -1;
}

/**
 * One additivity equation a table publishes, `Σ terms = 0`: a row's cells minus its row total,
 * a column's cells minus its column total, or the row (column) totals minus the grand total.
 */
export interface TableLine {
  readonly tableIndex: number;
  readonly kind: 'row' | 'column' | 'row-totals' | 'column-totals';
  readonly index: number;
  readonly terms: readonly LineTerm[];
}

const plus = (entry: Keyed): LineTerm => ({ key: entry.key, coefficient: 1 });
const minus = (entry: Keyed): LineTerm => ({ key: entry.key, coefficient: -1 });

/**
 * Every additivity equation of every table, in a fixed order (table by table: rows, columns,
 * the row totals, the column totals). Ragged rows are read as they are: a missing cell is
 * simply not a term.
 */
export function tableLines(tables: readonly TableShape[]): TableLine[] {
  const lines: TableLine[] = [];
  tables.forEach((table, tableIndex) => {
    table.rowTotals.forEach((rowTotal, row) => {
      const cells = table.cells[row] ?? [];
      lines.push({ tableIndex, kind: 'row', index: row, terms: [...cells.map(plus), minus(rowTotal)] });
    });
    table.columnTotals.forEach((columnTotal, column) => {
      const cells = table.cells.flatMap((row) => {
        const cell = row[column];
        return cell === undefined ? [] : [plus(cell)];
      });
      lines.push({ tableIndex, kind: 'column', index: column, terms: [...cells, minus(columnTotal)] });
    });
    lines.push({
      tableIndex,
      kind: 'row-totals',
      index: 0,
      terms: [...table.rowTotals.map(plus), minus(table.total)],
    });
    lines.push({
      tableIndex,
      kind: 'column-totals',
      index: 0,
      terms: [...table.columnTotals.map(plus), minus(table.total)],
    });
  });
  return lines;
}

/** The net coefficient of each distinct key in a line (a key that cancels out is left out). */
export function netTerms(line: TableLine): Map<string, number> {
  const net = new Map<string, number>();
  for (const term of line.terms) net.set(term.key, (net.get(term.key) ?? 0) + term.coefficient);
  for (const [key, coefficient] of net) if (coefficient === 0) net.delete(key);
  return net;
}

/** Every entry of a table (cells row by row, then row totals, column totals and the grand total). */
export function tableEntries<Entry extends Keyed>(table: TableShape<Entry>): Entry[] {
  return [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total];
}
