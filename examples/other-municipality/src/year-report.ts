import {
  createStatisticsReport,
  type DocumentCell,
  type StatisticsCube,
  type StatisticsReport,
  suppressedSymbol,
  toMarkdown,
} from '@pinnstatistik/projections';
import * as E from 'fp-ts/lib/Either.js';

type Print = (text?: string) => void;

const shown = (cell: DocumentCell): string => (cell.suppressed ? suppressedSymbol : String(cell.value));

/** The year's report by quarter, suppressed over all its tables together (k = 5). */
export async function yearReport(cube: StatisticsCube, year: number): Promise<StatisticsReport> {
  const report = await createStatisticsReport(cube, {
    from: `${year}-01`,
    to: `${year}-12`,
    granularity: 'quarter',
    method: 'suppression',
    k: 5,
  });
  if (E.isLeft(report)) throw new Error(`the report was refused: ${report.left.message.en}`);
  return report.right;
}

/** Prints each intervention's count per quarter as published, the exclusions, and one table in full. */
export function printYearReport(report: StatisticsReport, print: Print, tableInFull?: string): void {
  const { document } = report;
  const byId = new Map(document.tables.map((table) => [table.id, table]));
  print(
    `   ${'intervention'.padEnd(46)}${['Q1', 'Q2', 'Q3', 'Q4'].map((q) => q.padStart(6)).join('')}  year`,
  );
  for (const entry of report.interventions) {
    const counts = byId.get(entry.tableIds[0] ?? '');
    if (counts === undefined) continue;
    const quarters = counts.rowTotals.map((total) => shown(total).padStart(6)).join('');
    print(`   ${entry.name.sv.slice(0, 45).padEnd(46)}${quarters}  ${shown(counts.total).padStart(4)}`);
  }
  for (const entry of report.excluded) print(`   —  ${entry.name.sv}: ${entry.reason.sv}`);
  const cells = document.tables.flatMap((table) => table.cells.flat());
  print(
    `   ${document.tables.length} tables, ${cells.length} cells, ${cells.filter((cell) => cell.suppressed).length} suppressed.`,
  );
  const table = tableInFull === undefined ? undefined : byId.get(tableInFull);
  if (table === undefined) return;
  print();
  for (const line of toMarkdown({ ...document, tables: [table] }, { lang: 'sv' })
    .trimEnd()
    .split('\n'))
    print(`   ${line}`);
}
