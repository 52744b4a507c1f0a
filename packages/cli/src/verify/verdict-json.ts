import type { SourceAudit } from './audit-source.js';

/** The audit for machines (`verify --json`): the verdict, what was read, notes and every finding. */
export function verdictJson(audit: SourceAudit, source: string): string {
  const { report } = audit;
  return `${JSON.stringify(
    {
      format: 'pinnstatistik/audit',
      version: 1,
      source,
      today: audit.today,
      clean: report.clean,
      events: report.events,
      streams: report.streams,
      sealedDetail: report.sealedDetail,
      keys: audit.keys,
      catalogues: audit.catalogues,
      unreadablePeriods: audit.unreadablePeriods,
      notes: audit.notes,
      findings: report.findings,
    },
    null,
    2,
  )}\n`;
}
