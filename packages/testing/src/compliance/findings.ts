import type { Catalogue, EventStore, KeyStore } from '@pinnstatistik/core';
import { auditLog, type Finding } from '@pinnstatistik/projections';
import type { AuditedSystem, AuditSubject, ComplianceOptions, LoggedEvent } from './audit-subject.js';
import { isEventStore } from './audit-subject.js';
import { auditedLog } from './audited-log.js';

// Earlier than any period's grace: without a today, no period counts as left unsealed.
const BEFORE_ANY_GRACE = '0000-01-01';

/** The catalogues as a list: one catalogue, several versions, or none (the log's own). */
export function catalogueList(
  catalogues: Catalogue | readonly Catalogue[] | undefined,
): readonly Catalogue[] {
  if (catalogues === undefined) return [];
  return Array.isArray(catalogues) ? catalogues : [catalogues as Catalogue];
}

/**
 * Runs the compliance audit over a store, a system (`{ store, keys }`) or a list of events
 * (recorded envelopes or bare domain events), against the given catalogue versions — or the
 * log's own adopted versions when none are given — and returns every finding as data: code,
 * stream, position, revision, the rule broken, and a message in Swedish and English.
 */
export async function findings(
  subject: AuditSubject,
  catalogues?: Catalogue | readonly Catalogue[],
  options: ComplianceOptions = {},
): Promise<readonly Finding[]> {
  const system =
    Array.isArray(subject) || isEventStore(subject as AuditSubject) ? undefined : (subject as AuditedSystem);
  const source = system?.store ?? (subject as EventStore | readonly LoggedEvent[]);
  const log = await auditedLog(source, catalogueList(catalogues));
  const own = options.keys ?? system?.keys;
  const keys: KeyStore | undefined =
    log.keys === undefined
      ? own
      : own === undefined
        ? log.keys
        : {
            // The system's keys first; the copy's keys open the bare events it sealed.
            create: (keyId) => own.create(keyId),
            get: async (keyId) => (await own.get(keyId)) ?? (await log.keys?.get(keyId)),
            destroy: (keyId) => own.destroy(keyId),
          };
  const report = await auditLog(log.store, {
    today: options.today ?? system?.today ?? BEFORE_ANY_GRACE,
    ...(keys === undefined ? {} : { keys }),
    // Keys of the copy alone open the bare events it sealed; they prove no operator's seal.
    seals: own === undefined ? 'digest-only' : 'proven',
    ...(options.ciphers === undefined ? {} : { ciphers: options.ciphers }),
    ...(options.sealGraceDays === undefined ? {} : { sealGraceDays: options.sealGraceDays }),
  });
  return [...log.chainFindings, ...report.findings.map(log.locate)];
}
