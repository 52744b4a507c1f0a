import * as E from 'fp-ts/lib/Either.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import type { Refusal, RuleReference } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';

/** The kind of tally a command records. */
export type Recording = 'contact' | 'group-meeting' | 'visitors';

const specKey = { contact: 'contact', 'group-meeting': 'groupMeeting', visitors: 'visitors' } as const;

/**
 * The checks every recording goes through, in the order a user would want to hear about
 * them: the intervention exists, its documentation kind allows tallies, the unit is
 * responsible for it, and it keeps this kind of tally.
 */
export function checkRecordingAllowed(
  catalogue: Catalogue,
  interventionId: string,
  unitId: string,
  recording: Recording,
): E.Either<Refusal, { policy: InterventionPolicy; rule: RuleReference }> {
  const base = { catalogueId: catalogue.id, catalogueVersion: catalogue.version };
  const policy = catalogue.interventions.find((candidate) => candidate.id === interventionId);
  if (policy === undefined) {
    return E.left(refuse.unknownIntervention({ ...base, clause: 'interventions' }, interventionId));
  }
  const rule = (clause: string): RuleReference => ({
    ...base,
    interventionId,
    clause: `interventions/${interventionId}/${clause}`,
  });
  const { documentation } = policy;
  if (documentation.kind === 'exempt') {
    return E.left(refuse.documentationExempt(rule('documentation'), policy.name, documentation.ground));
  }
  if (documentation.kind === 'case-record-required') {
    return E.left(refuse.caseRecordRequired(rule('documentation'), policy.name, documentation.system));
  }
  if (!policy.responsibleUnits.includes(unitId)) {
    // Named by the catalogue's labels; a unit id the catalogue does not know is not repeated.
    const unitsById = new Map(catalogue.units.map((unit) => [unit.id, unit]));
    const responsible = policy.responsibleUnits.map(
      (id) => unitsById.get(id) ?? { id, name: { sv: id, en: id } },
    );
    return E.left(
      refuse.unitNotResponsible(rule('responsibleUnits'), policy.name, unitsById.get(unitId), responsible),
    );
  }
  if (policy.tally[specKey[recording]] === undefined) {
    return E.left(refuse.recordingNotAllowed(rule('tally'), policy.name, recording));
  }
  return E.right({ policy, rule: rule('tally') });
}
