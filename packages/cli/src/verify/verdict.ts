import type { Language, LocalizedText } from '@pinnstatistik/core';
import type { ExportLogCheck } from '../jsonl/verify-export-log.js';
import type { SourceAudit } from './audit-source.js';
import { type IntegrityFinding, integrityClause, whereOf } from './integrity-finding.js';

/** One finding as the verdict shows it, whichever check found it. */
export interface VerdictFinding {
  readonly code: string;
  readonly stream: string;
  readonly clause: string;
  readonly revision?: number;
  readonly revisions?: { readonly from: number; readonly to: number };
  readonly position?: string;
  readonly message: LocalizedText;
}

/** The whole verdict: the log's integrity and the compliance audit. */
export interface Verdict {
  readonly audit: SourceAudit;
  readonly integrity: ExportLogCheck;
  /** True when a key was pinned (`--trust`, `--public-key`). */
  readonly pinned: boolean;
  readonly findings: readonly VerdictFinding[];
  readonly clean: boolean;
}

const fromIntegrity = (finding: IntegrityFinding): VerdictFinding => ({
  ...finding,
  clause: integrityClause(finding),
});

/**
 * Puts both checks together: the integrity findings (chains, trees, checkpoints, the export's
 * trailer) first, then the audit's — without its chain findings, which the integrity check
 * reports already, event by event.
 */
export function verdictOf(audit: SourceAudit, integrity: ExportLogCheck, pinned: boolean): Verdict {
  const findings: VerdictFinding[] = [
    ...integrity.findings.map(fromIntegrity),
    ...audit.report.findings
      .filter((finding) => !finding.code.startsWith('CHAIN_'))
      .map((finding) => ({
        code: finding.code,
        stream: finding.stream,
        clause: finding.rule.clause,
        ...(finding.revision === undefined ? {} : { revision: finding.revision }),
        ...(finding.position === undefined ? {} : { position: finding.position }),
        message: finding.message,
      })),
  ];
  return { audit, integrity, pinned, findings, clean: findings.length === 0 };
}

/** Where a verdict finding points, in words. */
export function whereVerdictFinding(finding: VerdictFinding, lang: Language): string {
  return whereOf(finding as IntegrityFinding, lang);
}
