import { type Catalogue, dimensionValues, findDimension, NOT_APPLICABLE } from '@pinnstatistik/core';
import { measures } from '../report/measures.js';
import type { MeasureRelation } from './measure-relations.js';

const relationId = (relation: MeasureRelation): string =>
  [relation.interventionId, relation.total, ...relation.parts].join('\u0000');

/** The identities one catalogue version's policies impose on every base cell of their interventions. */
function relationsOf(catalogue: Catalogue): MeasureRelation[] {
  const relations: MeasureRelation[] = [];
  for (const policy of catalogue.interventions) {
    const contact = policy.tally.contact;
    if (contact === undefined) continue;
    const groups = contact.oneOf ?? [];
    const alternative = new Set(groups.flat());
    for (const group of groups) {
      // Exactly one dimension of the group is marked; the others are stored as not-applicable.
      // So the contacts are the sum, over the group's dimensions, of their applicable values.
      const parts = group.flatMap((dimensionId) => {
        const dimension = findDimension(catalogue, dimensionId);
        if (dimension === undefined) return [];
        return dimensionValues(dimension, catalogue)
          .filter((value) => value !== NOT_APPLICABLE)
          .map((value) => measures.marginal(dimensionId, value));
      });
      relations.push({ interventionId: policy.id, total: measures.contacts, parts });
    }
    // A dimension that is not one of alternatives is never not-applicable: a structural zero
    // (the code list offers the value because another intervention marks it as an alternative).
    for (const dimensionId of contact.dimensions) {
      const dimension = findDimension(catalogue, dimensionId);
      if (dimension === undefined || alternative.has(dimensionId)) continue;
      if (dimensionValues(dimension, catalogue).includes(NOT_APPLICABLE))
        relations.push({
          interventionId: policy.id,
          total: measures.marginal(dimensionId, NOT_APPLICABLE),
          parts: [],
        });
    }
  }
  return relations;
}

/**
 * What the public catalogue tells an intruder about every base cell beyond the tables'
 * additivity: of a policy's `oneOf` dimensions a contact marks exactly one (its contacts are the
 * sum of their applicable values: a pupil's sessions in the pupil-age table are the adult-age
 * table's "not applicable"), and a dimension no `oneOf` names is never "not applicable" (a
 * relation with no parts: the measure is 0). Kept only where every adopted version that has the
 * intervention says the same, so no relation is false for a month under another version.
 */
export function policyRelations(catalogues: readonly Catalogue[]): MeasureRelation[] {
  const perVersion = catalogues.map((catalogue) => ({
    interventions: new Set(catalogue.interventions.map((policy) => policy.id)),
    relations: new Map(relationsOf(catalogue).map((relation) => [relationId(relation), relation])),
  }));
  const kept = new Map<string, MeasureRelation>();
  for (const { relations } of perVersion)
    for (const [id, relation] of relations)
      if (
        perVersion.every(
          (version) => !version.interventions.has(relation.interventionId) || version.relations.has(id),
        )
      )
        kept.set(id, relation);
  return [...kept.values()];
}
