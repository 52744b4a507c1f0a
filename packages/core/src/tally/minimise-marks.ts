import * as E from 'fp-ts/lib/Either.js';
import { ageBandOf, ageBandRange } from '../catalogue/age-banding.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { NOT_APPLICABLE, NOT_STATED } from '../catalogue/code-list.js';
import type { Dimension } from '../catalogue/dimension.js';
import { dimensionValueLabel, dimensionValues, findDimension } from '../catalogue/dimension-values.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import type { Refusal, RuleReference } from '../refusals/refusal.js';
import { refuse } from '../refusals/refuse.js';
import type { StoredMark } from './events.js';

type ScalarInput = string | number;
type MarkInput = ScalarInput | readonly ScalarInput[];

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

/**
 * The target-group check, made on the exact age at the door. A band given instead (an
 * amendment gives back what was stored) passes when some age in it is in the group.
 */
function withinTargetGroup(policy: InterventionPolicy, dimensionId: string, value: ScalarInput): boolean {
  const range = policy.targetGroup.ageRange;
  if (range?.enforcedOn !== dimensionId || value === NOT_STATED) return true;
  const ages = typeof value === 'number' ? { min: value, max: value } : ageBandRange(value);
  if (ages === undefined) return true; // not an age at all: the code-list check refuses it
  return ages.max >= (range.min ?? 0) && ages.min <= (range.max ?? Number.POSITIVE_INFINITY);
}

function minimiseValue(
  dimension: Dimension,
  value: ScalarInput,
  allowed: readonly string[],
): string | undefined {
  if (typeof value === 'string') return allowed.includes(value) ? value : undefined;
  if (dimension.kind === 'age' || dimension.kind === 'age-list')
    return ageBandOf(value, dimension.banding, dimension.ages);
  if (dimension.kind === 'count') return value >= dimension.topCode ? `${dimension.topCode}+` : String(value);
  return undefined;
}

/** A dimension as a refusal names it: by its label (an id the catalogue lacks stands for itself). */
function labelled(catalogue: Catalogue, id: string): { id: string; label: { sv: string; en: string } } {
  return findDimension(catalogue, id) ?? { id, label: { sv: id, en: id } };
}

/** The values a dimension allows, each with its label, for a refusal that lists them. */
function labelledValues(dimension: Dimension, allowed: readonly string[], catalogue: Catalogue) {
  return allowed.map((value) => ({ id: value, label: dimensionValueLabel(dimension, value, catalogue) }));
}

/** Whether a list's length agrees with the count it must match (as the caller gave the count). */
function agreesWithCount(length: number, count: MarkInput | undefined, topCode: number): boolean {
  if (count === undefined || count === NOT_STATED || Array.isArray(count)) return true;
  if (typeof count === 'number') return length === count;
  if (count === `${topCode}+`) return length >= topCode;
  return /^\d+$/.test(count as string) ? length === Number(count) : true;
}

/**
 * Minimisation at the door: every mark must be for a dimension the policy tallies, all of
 * them must be given (of alternatives such as a pupil's or a parent's age, exactly one; the
 * others are stored as `not-applicable`), exact ages become bands (after the target-group
 * check on the exact age), counts are top-coded, a list of ages becomes a sorted list of
 * bands that agrees with its count, and every stored value comes from the dimension's closed
 * list.
 */
export function minimiseMarks(
  marks: Readonly<Record<string, MarkInput>>,
  policy: InterventionPolicy,
  catalogue: Catalogue,
  rule: RuleReference,
): E.Either<Refusal, Record<string, StoredMark>> {
  const tallied = policy.tally.contact?.dimensions ?? [];
  const dimensionsRule = { ...rule, clause: `interventions/${policy.id}/tally/contact/dimensions` };
  for (const dimensionId of Object.keys(marks)) {
    if (!tallied.includes(dimensionId)) {
      return E.left(
        refuse.dimensionNotAllowed(
          dimensionsRule,
          policy.name,
          findDimension(catalogue, dimensionId),
          tallied.map((id) => labelled(catalogue, id)),
        ),
      );
    }
  }
  const notApplicable = new Set<string>();
  const alternatives = new Set<string>();
  for (const group of policy.tally.contact?.oneOf ?? []) {
    const given = group.filter((id) => marks[id] !== undefined && marks[id] !== NOT_APPLICABLE);
    if (given.length === 0)
      return E.left(
        refuse.dimensionMissing(dimensionsRule, policy.name, labelled(catalogue, group[0] ?? '')),
      );
    if (given.length > 1) {
      return E.left(
        refuse.invalidInput(
          [
            {
              path: `/marks/${given[1]}`,
              message: `a contact gives one of ${group.join(', ')}; give "${NOT_APPLICABLE}" for the others or leave them out`,
            },
          ],
          `interventions/${policy.id}/tally/contact/oneOf`,
        ),
      );
    }
    for (const id of group) {
      alternatives.add(id);
      if (id !== given[0]) notApplicable.add(id);
    }
  }
  const minimised: Record<string, StoredMark> = {};
  for (const dimensionId of tallied) {
    if (notApplicable.has(dimensionId)) {
      minimised[dimensionId] = NOT_APPLICABLE;
      continue;
    }
    const value = marks[dimensionId];
    const dimension = findDimension(catalogue, dimensionId);
    if (value === undefined || dimension === undefined) {
      return E.left(refuse.dimensionMissing(dimensionsRule, policy.name, labelled(catalogue, dimensionId)));
    }
    const allowed = valuesOf(dimension, catalogue);
    const notInList = () =>
      E.left(
        refuse.valueNotInCodeList(
          { ...rule, clause: `dimensions/${dimensionId}` },
          dimension,
          labelledValues(dimension, allowed, catalogue),
        ),
      );
    if (dimension.kind === 'age-list') {
      if (!Array.isArray(value)) return notInList();
      if (value.length > dimension.maxEntries) {
        return E.left(
          refuse.invalidInput(
            [{ path: `/marks/${dimensionId}`, message: `at most ${dimension.maxEntries} entries` }],
            `dimensions/${dimensionId}/maxEntries`,
          ),
        );
      }
      const bands: string[] = [];
      for (const entry of value as readonly ScalarInput[]) {
        const band = minimiseValue(dimension, entry, allowed);
        if (band === undefined) return notInList();
        bands.push(band);
      }
      const count = dimension.matchesCount;
      const countDimension = count === undefined ? undefined : findDimension(catalogue, count);
      if (
        count !== undefined &&
        tallied.includes(count) &&
        countDimension?.kind === 'count' &&
        !agreesWithCount(bands.length, marks[count], countDimension.topCode)
      ) {
        return E.left(
          refuse.invalidInput(
            [
              {
                path: `/marks/${dimensionId}`,
                message: `one entry per ${dimension.counts.en}: as many as ${count} says`,
              },
            ],
            `dimensions/${dimensionId}/matchesCount`,
          ),
        );
      }
      // Sorted, youngest first: the order the caller listed the children in is not kept.
      minimised[dimensionId] = bands.sort((a, b) => allowed.indexOf(a) - allowed.indexOf(b));
      continue;
    }
    if (Array.isArray(value)) return notInList();
    const scalar = value as ScalarInput;
    if (scalar === NOT_APPLICABLE && !alternatives.has(dimensionId)) return notInList();
    if (!withinTargetGroup(policy, dimensionId, scalar)) {
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
    const stored = minimiseValue(dimension, scalar, allowed);
    if (stored === undefined) return notInList();
    minimised[dimensionId] = stored;
  }
  return E.right(minimised);
}
