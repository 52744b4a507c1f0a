import {
  type Catalogue,
  dimensionValues,
  findDimension,
  type InterventionPolicy,
  type TallyCommandInput,
  type TallyContact,
} from '@pinnstatistik/core';
import { dateIn, validTallyCommand } from '@pinnstatistik/core/testing';
import fc from 'fast-check';

/** A contact tally before validation, with its marks as given. */
export type ContactInput = Extract<TallyCommandInput, { type: 'TallyContact' }> & {
  readonly marks: TallyContact['marks'];
};

/** The year of valid dates: the one the earliest catalogue version is in force for from 1 January. */
export function defaultYear(catalogue: Catalogue): number {
  const year = Number(catalogue.effectiveFrom.slice(0, 4));
  return catalogue.effectiveFrom.endsWith('-01-01') ? year : year + 1;
}

/** The policy of a command's intervention. */
export function policyOf(catalogue: Catalogue, interventionId: string): InterventionPolicy | undefined {
  return catalogue.interventions.find((policy) => policy.id === interventionId);
}

/** The values a dimension's marks may take in a catalogue (empty for an unknown dimension). */
export function allowedValues(catalogue: Catalogue, dimensionId: string): readonly string[] {
  const dimension = findDimension(catalogue, dimensionId);
  return dimension === undefined ? [] : dimensionValues(dimension, catalogue);
}

/** Valid contact tallies with at least one mark. */
export function validContact(catalogue: Catalogue, year: number): fc.Arbitrary<ContactInput> {
  return validTallyCommand(catalogue, year).filter(
    (command): command is ContactInput =>
      command.type === 'TallyContact' && Object.keys(command.marks ?? {}).length > 0,
  );
}

/** A bare tally of one kind for an intervention and unit, shaped well enough to reach the policy checks. */
export function tallyOfKind(
  kind: 'contact' | 'group-meeting' | 'visitors',
  interventionId: string,
  units: readonly string[],
  year: number,
): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      commandId: fc.uuid({ version: 4 }),
      unitId: fc.constantFrom(...units),
      date: dateIn(year),
    })
    .map((base) => {
      const command = { ...base, interventionId };
      if (kind === 'contact') return { type: 'TallyContact', ...command, marks: {} };
      if (kind === 'group-meeting')
        return { type: 'TallyGroupMeeting', ...command, participants: { adults: { female: 2 } } };
      return { type: 'TallyVisitors', ...command, visitors: { female: 3 } };
    });
}

// Built once: a regular-expression arbitrary is costly to construct, cheap to filter.
const slugs = fc.stringMatching(/^[a-z]{3,10}(?:-[a-z]{2,8})?$/);
const camelCaseIds = fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/);

/** Lower-case words that are neither personal data nor anything the catalogue knows. */
export function unknownSlug(known: readonly string[]): fc.Arbitrary<string> {
  return slugs.filter((slug) => !known.includes(slug));
}

/** Dimension-like identifiers (`camelCase`) other than these. */
export function unknownDimensionId(known: readonly string[]): fc.Arbitrary<string> {
  return camelCaseIds.filter((id) => !known.includes(id));
}
