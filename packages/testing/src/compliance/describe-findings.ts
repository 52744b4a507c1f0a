import type { Catalogue } from '@pinnstatistik/core';
import type { Finding } from '@pinnstatistik/projections';

/** Where a finding is, in plain words. */
function where(finding: Finding): string {
  const parts = [`stream ${finding.stream}`];
  if (finding.revision !== undefined) parts.push(`revision ${finding.revision}`);
  if (finding.position !== undefined) parts.push(`position ${finding.position}`);
  return parts.join(', ');
}

/** The rule a finding applies, in plain words. */
function rule(finding: Finding): string {
  const { catalogueId, catalogueVersion, interventionId, clause } = finding.rule;
  const parts: string[] = [];
  if (catalogueId !== undefined || catalogueVersion !== undefined) {
    parts.push(`catalogue ${[catalogueId, catalogueVersion].filter(Boolean).join(' ')}`);
  }
  if (interventionId !== undefined) parts.push(`intervention ${interventionId}`);
  parts.push(`clause ${clause}`);
  return parts.join(', ');
}

/** What the log was checked against, in plain words. */
export function describeCatalogues(catalogues: readonly Catalogue[]): string {
  if (catalogues.length === 0) return 'the catalogues it adopted';
  const ids = [...new Set(catalogues.map((catalogue) => catalogue.id))];
  return ids
    .map(
      (id) =>
        `catalogue ${id} ${catalogues
          .filter((catalogue) => catalogue.id === id)
          .map((catalogue) => catalogue.version)
          .join(', ')}`,
    )
    .join(' and ');
}

/** Every finding as a numbered paragraph: code and message, where it is, and the rule it applies. */
export function describeFindings(findings: readonly Finding[], language: 'sv' | 'en' = 'en'): string {
  return findings
    .map(
      (finding, index) =>
        `${index + 1}. ${finding.code}: ${finding.message[language]}\n` +
        `   where: ${where(finding)}\n` +
        `   rule: ${rule(finding)}`,
    )
    .join('\n');
}
