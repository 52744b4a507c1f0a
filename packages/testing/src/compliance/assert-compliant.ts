import { AssertionError } from 'node:assert';
import type { Catalogue } from '@pinnstatistik/core';
import type { AuditSubject, ComplianceOptions } from './audit-subject.js';
import { describeCatalogues, describeFindings } from './describe-findings.js';
import { catalogueList, findings } from './findings.js';

/**
 * Asserts that a store, a system or a list of events complies with the catalogues: runs the
 * compliance audit and rejects with an `AssertionError` listing each finding — its code,
 * stream, position and rule, in plain words — when there is any. See {@link findings}.
 */
export async function assertCompliant(
  subject: AuditSubject,
  catalogues?: Catalogue | readonly Catalogue[],
  options: ComplianceOptions = {},
): Promise<void> {
  const found = await findings(subject, catalogues, options);
  if (found.length === 0) return;
  const problems = found.length === 1 ? '1 problem' : `${found.length} problems`;
  throw new AssertionError({
    message: `expected the log to comply with ${describeCatalogues(catalogueList(catalogues))}, but the audit found ${problems}:\n${describeFindings(found, options.language)}`,
    actual: found,
    expected: [],
    operator: 'assertCompliant',
  });
}
