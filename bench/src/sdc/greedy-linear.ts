import {
  applyDisclosureControl,
  buildReportTables,
  type Publication,
  type RawTable,
  type ReportCube,
  type ReportOptionsInput,
  ReportOptionsSchema,
} from '@pinnstatistik/projections';

/** The tables as they were before: categories that are zero over the range left out. */
function withoutZeroCategories(tables: readonly RawTable[]): RawTable[] {
  return tables
    .map((table) => {
      const crossTabulation = table.rows.length > 0 && !/^\d{4}/.test(table.rows[0]?.key ?? '');
      const keepColumn = table.columns.map(
        (_, c) => table.columns.length === 1 || table.columnTotals[c]?.value !== 0,
      );
      const keepRow = table.rows.map((_, r) => !crossTabulation || table.rowTotals[r]?.value !== 0);
      return {
        ...table,
        rows: table.rows.filter((_, r) => keepRow[r]),
        rowTotals: table.rowTotals.filter((_, r) => keepRow[r]),
        columns: table.columns.filter((_, c) => keepColumn[c]),
        columnTotals: table.columnTotals.filter((_, c) => keepColumn[c]),
        cells: table.cells.filter((_, r) => keepRow[r]).map((row) => row.filter((_, c) => keepColumn[c])),
      };
    })
    .filter((table) => table.columns.length > 0);
}

/** "Before": each report suppressed on its own by the greedy linear search, zero categories dropped. */
export function greedyLinearPublication(cube: ReportCube, input: ReportOptionsInput): Publication {
  const options = ReportOptionsSchema.parse({ ...input, method: 'suppression' });
  const raw = withoutZeroCategories(
    buildReportTables(cube.sheets(), cube.catalogues(), options).interventions.flatMap(
      (entry) => entry.tables,
    ),
  );
  return { options, raw, published: applyDisclosureControl(raw, { k: options.k }) };
}
