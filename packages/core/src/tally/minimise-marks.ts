import * as E from 'fp-ts/lib/Either.js';
import { ageBandOf, ageBandRange } from '../catalogue/age-banding.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { NOT_STATED } from '../catalogue/code-list.js';
import type { Dimension } from '../catalogue/dimension.js';
import { dimensionValues, findDimension } from '../catalogue/dimension-values.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import type { Refusal, RuleReference } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';

type MarkInput = string | number;

// A catalogue is immutable once parsed: its dimensions' value lists are computed once, not per mark.
const valuesByCatalogue = new WeakMap<Catalogue, Map<Dimension, readonly string[]>>();

function valuesOf(dimension: Dimension, catalogue: Catalogue): readonly string[] {
  let byDimension = valuesByCatalogue.get(catalogue);
  if (byDimension === undefined) {
    byDimension = new Map();
    valuesByCatalogue.set(catalogue, byDimension);
  }
  let values = byDimension.get(dimension);
  if (values === undefined) {
    values = dimensionValues(dimension, catalogue);
    byDimension.set(dimension, values);
  }
  return values;
}

function withinTargetGroup(policy: InterventionPolicy, dimensionId: string, value: MarkInput): boolean {
  const range = policy.targetGroup.ageRange;
  if (range?.enforcedOn !== dimensionId || value === NOT_STATED) return true;
  const ages = typeof value === 'number' ? { min: value, max: value } : ageBandRange(value);
  if (ages === undefined) return true; // not an age at all: the code-list check refuses it
  return (
    (range.min === undefined || ages.min >= range.min) && (range.max === undefined || ages.max <= range.max)
  );
}

function minimiseValue(
  dimension: Dimension,
  value: MarkInput,
  allowed: readonly string[],
): string | undefined {
  if (typeof value === 'string') return allowed.includes(value) ? value : undefined;
  if (dimension.kind === 'age') return ageBandOf(value, dimension.banding);
  if (dimension.kind === 'count') return value >= dimension.topCode ? `${dimension.topCode}+` : String(value);
  return undefined;
}

/**
 * Minimisation at the door: every mark must be for a dimension the policy tallies, all of
 * them must be given, exact ages become bands, counts are top-coded, and every stored value
 * comes from the dimension's closed list.
 */
export function minimiseMarks(
  marks: Readonly<Record<string, MarkInput>>,
  policy: InterventionPolicy,
  catalogue: Catalogue,
  rule: RuleReference,
): E.Either<Refusal, Record<string, string>> {
  const tallied = policy.tally.contact?.dimensions ?? [];
  for (const dimensionId of Object.keys(marks)) {
    if (!tallied.includes(dimensionId)) {
      return E.left(
        refuse.dimensionNotAllowed(
          { ...rule, clause: `interventions/${policy.id}/tally/contact/dimensions` },
          policy.name,
          dimensionId,
          tallied,
        ),
      );
    }
  }
  const minimised: Record<string, string> = {};
  for (const dimensionId of tallied) {
    const value = marks[dimensionId];
    const dimension = findDimension(catalogue, dimensionId);
    if (value === undefined || dimension === undefined) {
      return E.left(
        refuse.dimensionMissing(
          { ...rule, clause: `interventions/${policy.id}/tally/contact/dimensions` },
          policy.name,
          dimensionId,
        ),
      );
    }
    if (!withinTargetGroup(policy, dimensionId, value)) {
      const range = policy.targetGroup.ageRange ?? {};
      return E.left(
        refuse.outsideTargetGroup(
          { ...rule, clause: `interventions/${policy.id}/targetGroup/ageRange` },
          policy.name,
          policy.targetGroup.text,
          dimensionId,
          {
            ...(range.min === undefined ? {} : { min: range.min }),
            ...(range.max === undefined ? {} : { max: range.max }),
          },
        ),
      );
    }
    const allowed = valuesOf(dimension, catalogue);
    const stored = minimiseValue(dimension, value, allowed);
    if (stored === undefined) {
      return E.left(
        refuse.valueNotInCodeList({ ...rule, clause: `dimensions/${dimensionId}` }, dimensionId, allowed),
      );
    }
    minimised[dimensionId] = stored;
  }
  return E.right(minimised);
}
