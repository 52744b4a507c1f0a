import type { Catalogue } from '@pinnstatistik/core';
import type { AuditSubject, ComplianceOptions } from '../compliance/audit-subject.js';
import { describeCatalogues, describeFindings } from '../compliance/describe-findings.js';
import { catalogueList, findings } from '../compliance/findings.js';
import type { MatcherVerdict } from './refused-with.js';

/** Whether a store, system or list of events complies with the catalogues, with every finding in the message. */
export async function complyWith(
  received: AuditSubject,
  catalogues?: Catalogue | readonly Catalogue[],
  options: ComplianceOptions = {},
): Promise<MatcherVerdict> {
  const found = await findings(received, catalogues, options);
  const against = describeCatalogues(catalogueList(catalogues));
  return found.length === 0
    ? {
        pass: true,
        message: `expected the log not to comply with ${against}, but the audit found nothing`,
        actual: [],
      }
    : {
        pass: false,
        message: `expected the log to comply with ${against}, but the audit found ${found.length} problem(s):\n${describeFindings(found, options.language)}`,
        actual: found,
      };
}
