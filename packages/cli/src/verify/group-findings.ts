import type { Finding } from '@pinnstatistik/projections';

/** Findings under one rule (its clause), in the order the audit found them. */
export interface RuleFindings {
  readonly clause: string;
  readonly findings: readonly Finding[];
}

/** Groups findings by the rule they apply, rules in order of their first finding. */
export function groupFindingsByRule(findings: readonly Finding[]): RuleFindings[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.rule.clause) ?? [];
    group.push(finding);
    groups.set(finding.rule.clause, group);
  }
  return [...groups].map(([clause, grouped]) => ({ clause, findings: grouped }));
}
