import type { Language } from '@pinnstatistik/core';
import type { SourceAudit } from './audit-source.js';
import { groupFindingsByRule } from './group-findings.js';

const words = {
  sv: {
    audit: 'Granskning av',
    events: (events: number, streams: number) =>
      `${events} händelser i ${streams} strömmar; hashkedjorna kontrollerade.`,
    sealed: (n: number) => `${n} detaljhändelser kan inte längre läsas (förseglade eller utan nyckel).`,
    catalogue: 'Katalog',
    inForce: 'gäller från',
    note: 'Obs',
    clean: 'Utlåtande: REN — inga avvikelser; varje post följde katalogen som gällde på sitt datum.',
    notClean: (n: number, rules: number) =>
      `Utlåtande: INTE REN — ${n} avvikelse${n === 1 ? '' : 'r'} under ${rules} regel${rules === 1 ? '' : 'r'}`,
    position: 'position',
    revision: 'revision',
    today: 'idag',
  },
  en: {
    audit: 'Audit of',
    events: (events: number, streams: number) =>
      `${events} events in ${streams} streams; hash chains checked.`,
    sealed: (n: number) => `${n} detail events can no longer be read (sealed, or no key here).`,
    catalogue: 'Catalogue',
    inForce: 'in force from',
    note: 'Note',
    clean: 'Verdict: CLEAN — no findings; every entry complied with the catalogue in force on its date.',
    notClean: (n: number, rules: number) =>
      `Verdict: NOT CLEAN — ${n} finding${n === 1 ? '' : 's'} under ${rules} rule${rules === 1 ? '' : 's'}`,
    position: 'position',
    revision: 'revision',
    today: 'today',
  },
} as const;

/** The audit as readable text: what was read, notes, then the verdict and findings grouped by rule. */
export function renderVerdict(audit: SourceAudit, source: string, lang: Language): string {
  const w = words[lang];
  const { report } = audit;
  const lines = [
    `${w.audit} ${source} (${w.today} ${audit.today})`,
    `  ${w.events(report.events, report.streams)}`,
    ...(report.sealedDetail > 0 ? [`  ${w.sealed(report.sealedDetail)}`] : []),
    ...audit.catalogues.map(
      (catalogue) =>
        `  ${w.catalogue} ${catalogue.id} ${catalogue.version} (${w.inForce} ${catalogue.effectiveFrom})`,
    ),
    ...audit.notes.map((note) => `  ${w.note}: ${note}`),
    '',
  ];
  if (report.clean) return [...lines, w.clean, ''].join('\n');
  const groups = groupFindingsByRule(report.findings);
  lines.push(w.notClean(report.findings.length, groups.length));
  for (const group of groups) {
    lines.push('', `${group.clause} (${group.findings.length})`);
    for (const finding of group.findings) {
      const where = [
        finding.position === undefined ? undefined : `${w.position} ${finding.position}`,
        finding.revision === undefined ? undefined : `${w.revision} ${finding.revision}`,
      ].filter((part) => part !== undefined);
      lines.push(`  ${finding.code}  ${finding.stream}${where.length > 0 ? `  ${where.join(', ')}` : ''}`);
      lines.push(`    ${finding.message[lang]}`);
    }
  }
  return [...lines, ''].join('\n');
}
