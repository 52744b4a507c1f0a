import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createStatisticsReport,
  type DocumentTable,
  type StatisticsCube,
  suppressedSymbol,
  toCsv,
  toMarkdown,
} from '@pinnstatistik/projections';

type Print = (text?: string) => void;

const cell = (value: DocumentTable['cells'][number][number]): string =>
  value.suppressed ? suppressedSymbol : String(value.value);

/**
 * Prints the year's report: for every intervention its count per quarter, as published —
 * perturbed by the cell-key method under the statistics key — and writes the full report as Markdown and CSV
 * (into `examples/vaggeryd-year/out/` by default, into `directory` when given, nowhere when `false`).
 */
export async function printYearReport(
  cube: StatisticsCube,
  statisticsKey: Uint8Array,
  print: Print,
  directory?: string | false,
  say: (en: string, sv: string) => string = (en) => en,
): Promise<void> {
  const report = await createStatisticsReport(
    cube,
    { from: '2025-01', to: '2025-12', granularity: 'quarter', k: 5 },
    { statisticsKey },
  );
  if (report._tag === 'Left') throw new Error(`the report was refused: ${report.left.message.en}`);
  const { document, interventions, excluded } = report.right;
  const byId = new Map(document.tables.map((table) => [table.id, table]));
  print(
    say(
      `   ${'#'.padStart(2)} ${'intervention'.padEnd(44)} ${'Q1'.padStart(6)}${'Q2'.padStart(6)}${'Q3'.padStart(6)}${'Q4'.padStart(6)}  year  (tables)`,
      `   ${'#'.padStart(2)} ${'insats'.padEnd(44)} ${'kv. 1'.padStart(6)}${'kv. 2'.padStart(6)}${'kv. 3'.padStart(6)}${'kv. 4'.padStart(6)}   år  (tabeller)`,
    ),
  );
  for (const entry of interventions) {
    const counts = byId.get(entry.tableIds[0] ?? '');
    if (counts === undefined) continue;
    const quarters = counts.rowTotals.map((total) => cell(total).padStart(6)).join('');
    print(
      `   ${String(entry.sourceRow ?? '').padStart(2)} ${entry.name.sv.slice(0, 44).padEnd(44)} ${quarters}  ${cell(counts.total).padStart(4)}  (${entry.tableIds.length})`,
    );
  }
  for (const entry of excluded)
    print(
      say(
        `   —  ${entry.name.sv}: not in the statistics (${entry.reason.en.slice(0, 60)}…)`,
        `   —  ${entry.name.sv}: ingår inte i statistiken (${entry.reason.sv})`,
      ),
    );
  const cells = document.tables.flatMap((table) => table.cells.flat());
  const hidden = cells.filter((value) => value.suppressed).length;
  print(
    say(
      `   ${document.tables.length} tables, ${cells.length} cells of which ${hidden} suppressed.`,
      `   ${document.tables.length} tabeller, ${cells.length} celler varav ${hidden} dolda.`,
    ),
  );
  if (say('en', 'sv') === 'sv') print(`   ${document.legend.sv}`);
  else {
    print(`   sv: ${document.legend.sv}`);
    print(`   en: ${document.legend.en}`);
  }
  if (directory === false) return;
  const out = directory ?? fileURLToPath(new URL('../out/', import.meta.url));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'vaggeryd-2025.md'), toMarkdown(document, { lang: 'sv' }));
  writeFileSync(join(out, 'vaggeryd-2025.csv'), toCsv(document, { lang: 'sv' }));
  print(
    say(
      `   The full report: ${directory ?? 'examples/vaggeryd-year/out'}/vaggeryd-2025.md and vaggeryd-2025.csv`,
      `   Hela rapporten: ${directory ?? 'examples/vaggeryd-year/out'}/vaggeryd-2025.md och vaggeryd-2025.csv`,
    ),
  );
}
