import { buildReportTables, ReportOptionsSchema, type StatisticsCube } from '@pinnstatistik/projections';

type Print = (text?: string) => void;

/** Prints the year's report: the count tables of every intervention, per quarter. */
export async function printYearReport(cube: StatisticsCube, print: Print): Promise<void> {
  const options = ReportOptionsSchema.parse({ from: '2025-01', to: '2025-12', granularity: 'quarter' });
  const { interventions } = buildReportTables(cube.sheets(), cube.catalogues(), options);
  for (const { policy, tables } of interventions) {
    const counts = tables[0];
    if (counts === undefined) continue;
    const cells = counts.rowTotals.map((total) => String(total.value).padStart(6)).join('');
    print(
      `   ${String(policy.sourceRow ?? '').padStart(2)} ${policy.name.sv.slice(0, 44).padEnd(44)} ${cells}  total ${counts.total.value}`,
    );
  }
}
