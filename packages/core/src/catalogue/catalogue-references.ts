import type { z } from 'zod';
import type { CodeList } from './code-list.js';
import type { Dimension } from './dimension.js';
import type { InterventionPolicy } from './intervention-policy.js';

interface CatalogueParts {
  readonly units: readonly { readonly id: string }[];
  readonly codeLists: Readonly<Record<string, CodeList>>;
  readonly dimensions: readonly Dimension[];
  readonly interventions: readonly InterventionPolicy[];
}

type Issue = { path: (string | number)[]; message: string };

function duplicates(ids: readonly string[]): Map<string, number> {
  const seen = new Set<string>();
  const repeated = new Map<string, number>();
  ids.forEach((id, index) => {
    if (seen.has(id)) repeated.set(id, index);
    seen.add(id);
  });
  return repeated;
}

function checkPolicy(
  policy: InterventionPolicy,
  index: number,
  parts: CatalogueParts,
  issues: Issue[],
): void {
  const at = (...path: (string | number)[]): (string | number)[] => ['interventions', index, ...path];
  const unitIds = new Set(parts.units.map((unit) => unit.id));
  const dimensions = new Map(parts.dimensions.map((dimension) => [dimension.id, dimension]));

  policy.responsibleUnits.forEach((unit, unitIndex) => {
    if (!unitIds.has(unit))
      issues.push({
        path: at('responsibleUnits', unitIndex),
        message: "an unknown unit (not among the catalogue's units)",
      });
  });

  const { tally } = policy;
  const records =
    tally.contact !== undefined || tally.groupMeeting !== undefined || tally.visitors !== undefined;
  const kind = policy.documentation.kind;
  if ((kind === 'exempt' || kind === 'case-record-required') && records) {
    issues.push({ path: at('tally'), message: `a "${kind}" intervention tallies nothing` });
  }
  if ((kind === 'aggregate' || kind === 'aggregate-with-working-notes') && !records) {
    issues.push({ path: at('tally'), message: `an "${kind}" intervention must tally something` });
  }

  const contactDimensions = tally.contact?.dimensions ?? [];
  contactDimensions.forEach((id, dimensionIndex) => {
    if (!dimensions.has(id)) {
      issues.push({
        path: at('tally', 'contact', 'dimensions', dimensionIndex),
        message: "an unknown dimension (not among the catalogue's dimensions)",
      });
    }
  });
  for (const [, at2] of duplicates(contactDimensions)) {
    issues.push({
      path: at('tally', 'contact', 'dimensions', at2),
      message: 'a dimension listed twice',
    });
  }
  tally.contact?.crossTabulations.forEach((pair, pairIndex) => {
    pair.forEach((id, side) => {
      if (!contactDimensions.includes(id)) {
        issues.push({
          path: at('tally', 'contact', 'crossTabulations', pairIndex, side),
          message: 'a cross-tabulated dimension the intervention does not tally',
        });
      } else if (dimensions.get(id)?.kind === 'age-list') {
        issues.push({
          path: at('tally', 'contact', 'crossTabulations', pairIndex, side),
          message: `"${id}" is a list of ages: its table counts people, not contacts, so it is not cross-tabulated`,
        });
      }
    });
  });
  const grouped = new Set<string>();
  tally.contact?.oneOf?.forEach((group, groupIndex) => {
    group.forEach((id, memberIndex) => {
      const path = at('tally', 'contact', 'oneOf', groupIndex, memberIndex);
      if (!contactDimensions.includes(id)) issues.push({ path, message: `"${id}" is not tallied` });
      else if (dimensions.get(id)?.kind === 'age-list')
        issues.push({ path, message: `"${id}" is a list of ages and cannot be one of alternatives` });
      if (grouped.has(id)) issues.push({ path, message: `"${id}" is in more than one group` });
      grouped.add(id);
    });
  });

  const range = policy.targetGroup.ageRange;
  if (range?.min !== undefined && range.max !== undefined && range.min > range.max) {
    issues.push({ path: at('targetGroup', 'ageRange', 'max'), message: 'max must not be below min' });
  }
  if (range?.enforcedOn !== undefined) {
    const dimension = dimensions.get(range.enforcedOn);
    if (dimension?.kind !== 'age' || !contactDimensions.includes(range.enforcedOn)) {
      issues.push({
        path: at('targetGroup', 'ageRange', 'enforcedOn'),
        message: 'not a tallied age dimension of this intervention',
      });
    }
  }
  const limits = policy.series;
  if (limits?.required === true && tally.contact === undefined) {
    issues.push({
      path: at('series', 'required'),
      message: 'series are required but the intervention tallies no contacts',
    });
  }
  if (
    limits?.minContacts !== undefined &&
    limits.maxContacts !== undefined &&
    limits.minContacts > limits.maxContacts
  ) {
    issues.push({ path: at('series', 'maxContacts'), message: 'maxContacts must not be below minContacts' });
  }
}

// Messages name what is wrong and the path says where; they never quote the catalogue's own
// strings, because a catalogue offered for adoption is untrusted input until it is adopted.

/** Checks that every id a catalogue mentions exists and that every policy is consistent with its kind. */
export function checkCatalogueReferences(parts: CatalogueParts, ctx: z.RefinementCtx): void {
  const issues: Issue[] = [];
  for (const [, index] of duplicates(parts.units.map((unit) => unit.id))) {
    issues.push({ path: ['units', index, 'id'], message: 'a unit id used twice' });
  }
  for (const [, index] of duplicates(parts.dimensions.map((dimension) => dimension.id))) {
    issues.push({ path: ['dimensions', index, 'id'], message: 'a dimension id used twice' });
  }
  for (const [, index] of duplicates(parts.interventions.map((policy) => policy.id))) {
    issues.push({ path: ['interventions', index, 'id'], message: 'an intervention id used twice' });
  }
  parts.dimensions.forEach((dimension, index) => {
    if (dimension.kind === 'code-list' && parts.codeLists[dimension.codeList] === undefined) {
      issues.push({
        path: ['dimensions', index, 'codeList'],
        message: "an unknown code list (not among the catalogue's code lists)",
      });
    }
    if (dimension.kind === 'age-list' && dimension.matchesCount !== undefined) {
      const count = parts.dimensions.find((candidate) => candidate.id === dimension.matchesCount);
      if (count?.kind !== 'count') {
        issues.push({
          path: ['dimensions', index, 'matchesCount'],
          message: `"${dimension.matchesCount}" is not a count dimension`,
        });
      }
    }
  });
  if (parts.codeLists.gender === undefined) {
    issues.push({
      path: ['codeLists', 'gender'],
      message: 'a "gender" code list is required (group meetings and visitors are counted by gender)',
    });
  }
  parts.interventions.forEach((policy, index) => {
    checkPolicy(policy, index, parts, issues);
  });
  for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
}
