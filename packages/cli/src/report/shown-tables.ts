import type { DocumentTable, ReportIntervention, ReportPeriod } from '@pinnstatistik/projections';

/**
 * The tables shown in an intervention's section: all of its tables but the one holding the
 * previous period's count, which only feeds the comparison (it is in the JSON and CSV).
 */
export function shownTableIds(intervention: Pick<ReportIntervention, 'tableIds'>): readonly string[] {
  return intervention.tableIds.filter((id) => !id.endsWith('/previous-period'));
}

/** Whether a table's rows are the report's periods (so incomplete ones can be marked on their row). */
export function isPeriodTable(table: DocumentTable, periods: readonly ReportPeriod[]): boolean {
  return table.rows.length === periods.length && table.rows.every((row, r) => row.key === periods[r]?.key);
}
