import {
  type Catalogue,
  type MarkValue,
  NOT_APPLICABLE,
  type RefusalCode,
  type TallyCommandInput,
} from '@pinnstatistik/core';
import {
  dateIn,
  personalIdentityNumber,
  tallyingPolicies,
  validTallyCommand,
} from '@pinnstatistik/core/testing';
import fc from 'fast-check';
import {
  allowedValues,
  type ContactInput,
  defaultYear,
  policyOf,
  tallyOfKind,
  unknownDimensionId,
  unknownSlug,
  validContact,
} from './tally-bases.js';

/** An invalid tally command, labelled with the refusal it must produce and why. */
export interface InvalidTallyCommand {
  /** The untrusted input, as a caller would send it. */
  readonly input: Readonly<Record<string, unknown>>;
  /** The one refusal code the library must answer with. */
  readonly expected: RefusalCode;
  /** What is wrong with it, in plain words (shown by fast-check's counterexample). */
  readonly variant: string;
}

/** The invalid variants a catalogue allows, by the refusal each must produce. */
export type InvalidTallyVariants = Partial<Record<RefusalCode, fc.Arbitrary<InvalidTallyCommand>>>;

const label =
  (expected: RefusalCode, variant: (input: Record<string, unknown>) => string) =>
  (input: Record<string, unknown>): InvalidTallyCommand => ({ input, expected, variant: variant(input) });

const withMarks = (command: ContactInput, marks: Record<string, MarkValue>): Record<string, unknown> => ({
  ...command,
  marks,
});

/** The marks a contact gives for real: not the alternatives it leaves as not applicable. */
const givenMarks = (command: ContactInput): string[] =>
  Object.keys(command.marks).filter((dimension) => command.marks[dimension] !== NOT_APPLICABLE);

/** The command's marks without the alternatives of a dimension (a pupil's age, not also a parent's). */
function withoutAlternativesOf(catalogue: Catalogue, command: ContactInput, dimension: string) {
  const group = (policyOf(catalogue, command.interventionId)?.tally.contact?.oneOf ?? []).find((members) =>
    members.includes(dimension),
  );
  return Object.fromEntries(
    Object.entries(command.marks).filter(([id]) => id === dimension || !(group ?? []).includes(id)),
  );
}

/** Tallies for interventions whose documentation kind refuses every recording. */
function forbiddenKind(
  catalogue: Catalogue,
  kind: 'exempt' | 'case-record-required',
  year: number,
): fc.Arbitrary<InvalidTallyCommand> | undefined {
  const policies = catalogue.interventions.filter((policy) => policy.documentation.kind === kind);
  if (policies.length === 0) return undefined;
  const code = kind === 'exempt' ? 'DOCUMENTATION_EXEMPT' : 'CASE_RECORD_REQUIRED';
  return fc
    .constantFrom(...policies)
    .chain((policy) => tallyOfKind('contact', policy.id, policy.responsibleUnits, year))
    .map(label(code, (input) => `a contact for ${String(input.interventionId)}, which is ${kind}`));
}

/** Tallies of a kind their (tallying) intervention does not keep. */
function wrongRecording(catalogue: Catalogue, year: number): fc.Arbitrary<InvalidTallyCommand> | undefined {
  const cases = tallyingPolicies(catalogue).flatMap((policy) =>
    (
      [
        ['contact', policy.tally.contact],
        ['group-meeting', policy.tally.groupMeeting],
        ['visitors', policy.tally.visitors],
      ] as const
    )
      .filter(([, spec]) => spec === undefined)
      .map(([kind]) => ({ kind, policy })),
  );
  if (cases.length === 0) return undefined;
  return fc
    .constantFrom(...cases)
    .chain(({ kind, policy }) =>
      tallyOfKind(kind, policy.id, policy.responsibleUnits, year).map(
        label('RECORDING_NOT_ALLOWED', () => `a ${kind} tally for ${policy.id}, which keeps none`),
      ),
    );
}

/** Contacts with an age outside the target group the policy enforces. */
function outsideTargetGroup(
  catalogue: Catalogue,
  year: number,
): fc.Arbitrary<InvalidTallyCommand> | undefined {
  const ranged = tallyingPolicies(catalogue).filter((policy) => {
    const range = policy.targetGroup.ageRange;
    return (
      range?.enforcedOn !== undefined &&
      (policy.tally.contact?.dimensions ?? []).includes(range.enforcedOn) &&
      ((range.min ?? 0) > 0 || (range.max ?? 130) < 130)
    );
  });
  if (ranged.length === 0) return undefined;
  const ids = ranged.map((policy) => policy.id);
  return validContact(catalogue, year)
    .filter((command) => ids.includes(command.interventionId))
    .chain((command) => {
      const range = policyOf(catalogue, command.interventionId)?.targetGroup.ageRange ?? {};
      const ages: fc.Arbitrary<number>[] = [];
      if ((range.min ?? 0) > 0) ages.push(fc.integer({ min: 0, max: (range.min ?? 0) - 1 }));
      if ((range.max ?? 130) < 130) ages.push(fc.integer({ min: (range.max ?? 130) + 1, max: 130 }));
      const dimension = range.enforcedOn as string;
      return fc.oneof(...ages).map((age) => ({
        input: withMarks(command, {
          ...withoutAlternativesOf(catalogue, command, dimension),
          [dimension]: age,
        }),
        expected: 'OUTSIDE_TARGET_GROUP' as const,
        variant: `${dimension} ${age} for ${command.interventionId} (target group ${range.min ?? '…'}–${range.max ?? '…'})`,
      }));
    });
}

/**
 * Every invalid variant that applies to a catalogue, by the refusal code it must produce:
 * an unknown intervention, an exempt or case-record one, a unit not responsible, a kind of
 * tally the intervention does not keep, an extra or a missing dimension, a value off its
 * list, an age outside the target group, a personnummer anywhere, an unknown field or a
 * malformed date, and a date before any catalogue version was in force.
 */
export function invalidTallyVariants(
  catalogue: Catalogue,
  year = defaultYear(catalogue),
): InvalidTallyVariants {
  const valid = validTallyCommand(catalogue, year) as fc.Arbitrary<
    TallyCommandInput & Record<string, unknown>
  >;
  const contact = validContact(catalogue, year);
  const interventionIds = catalogue.interventions.map((policy) => policy.id);
  const unitIds = catalogue.units.map((unit) => unit.id);
  const dimensionIds = catalogue.dimensions.map((dimension) => dimension.id);
  const variants: InvalidTallyVariants = {
    UNKNOWN_INTERVENTION: fc
      .tuple(valid, unknownSlug(interventionIds))
      .map(([command, interventionId]) => ({ ...command, interventionId }))
      .map(
        label(
          'UNKNOWN_INTERVENTION',
          (input) => `intervention "${String(input.interventionId)}" is not in the catalogue`,
        ),
      ),
    DOCUMENTATION_EXEMPT: forbiddenKind(catalogue, 'exempt', year),
    CASE_RECORD_REQUIRED: forbiddenKind(catalogue, 'case-record-required', year),
    UNIT_NOT_RESPONSIBLE: valid.chain((command) => {
      const responsible = policyOf(catalogue, command.interventionId)?.responsibleUnits ?? [];
      const others = unitIds.filter((unit) => !responsible.includes(unit));
      const unit =
        others.length > 0 ? fc.oneof(fc.constantFrom(...others), unknownSlug(unitIds)) : unknownSlug(unitIds);
      return unit.map((unitId) =>
        label(
          'UNIT_NOT_RESPONSIBLE',
          () => `unit ${unitId} does not deliver ${command.interventionId}`,
        )({
          ...command,
          unitId,
        }),
      );
    }),
    RECORDING_NOT_ALLOWED: wrongRecording(catalogue, year),
    DIMENSION_NOT_ALLOWED: contact.chain((command) => {
      const tallied = policyOf(catalogue, command.interventionId)?.tally.contact?.dimensions ?? [];
      const others = dimensionIds.filter((id) => !tallied.includes(id));
      const invented = unknownDimensionId(dimensionIds);
      const extra = others.length === 0 ? invented : fc.oneof(fc.constantFrom(...others), invented);
      return extra.map((dimension) => ({
        input: withMarks(command, { ...command.marks, [dimension]: 'not-stated' }),
        expected: 'DIMENSION_NOT_ALLOWED' as const,
        variant: `a mark for ${dimension}, which ${command.interventionId} does not tally`,
      }));
    }),
    DIMENSION_MISSING: contact.chain((command) =>
      fc.constantFrom(...givenMarks(command)).map((dimension) => {
        const { [dimension]: _left, ...marks } = command.marks;
        return {
          input: withMarks(command, marks),
          expected: 'DIMENSION_MISSING' as const,
          variant: `${dimension} left out of a contact for ${command.interventionId}`,
        };
      }),
    ),
    VALUE_NOT_IN_CODE_LIST: contact.chain((command) =>
      fc.constantFrom(...givenMarks(command)).chain((dimension) =>
        unknownSlug(allowedValues(catalogue, dimension)).map((value) => ({
          input: withMarks(command, { ...command.marks, [dimension]: value }),
          expected: 'VALUE_NOT_IN_CODE_LIST' as const,
          variant: `${dimension} "${value}", which is not in its code list`,
        })),
      ),
    ),
    OUTSIDE_TARGET_GROUP: outsideTargetGroup(catalogue, year),
    PERSONAL_DATA_DETECTED: fc
      .tuple(valid, personalIdentityNumber(), fc.constantFrom('note', 'unitId', 'mark'))
      .map(([command, number, where]) => {
        const marks = (command as { marks?: Record<string, unknown> }).marks;
        const mark = marks === undefined ? undefined : Object.keys(marks)[0];
        const input =
          where === 'unitId'
            ? { ...command, unitId: number }
            : where === 'mark' && mark !== undefined
              ? { ...command, marks: { ...marks, [mark]: number } }
              : { ...command, note: `pnr ${number}` };
        const place =
          where === 'mark' && mark !== undefined
            ? `the ${mark} mark`
            : where === 'unitId'
              ? 'unitId'
              : 'a note';
        return { input, expected: 'PERSONAL_DATA_DETECTED' as const, variant: `a personnummer in ${place}` };
      }),
    INVALID_INPUT: fc
      .tuple(
        valid,
        fc.constantFrom('comment', 'clientName', 'room'),
        fc.stringMatching(/^[a-z ]{1,20}$/),
        fc.boolean(),
      )
      .map(([command, field, text, malformedDate]) =>
        malformedDate
          ? {
              input: { ...command, date: `${text}`.trim() || 'soon' },
              expected: 'INVALID_INPUT' as const,
              variant: 'a date that is not YYYY-MM-DD',
            }
          : {
              input: { ...command, [field]: text },
              expected: 'INVALID_INPUT' as const,
              variant: `an unknown field "${field}"`,
            },
      ),
    NO_CATALOGUE_IN_FORCE: fc
      .tuple(valid, dateIn(Number(catalogue.effectiveFrom.slice(0, 4)) - 1))
      .map(([command, date]) => ({
        input: { ...command, date },
        expected: 'NO_CATALOGUE_IN_FORCE' as const,
        variant: `dated ${date}, before the catalogue took effect`,
      })),
  };
  return Object.fromEntries(
    Object.entries(variants).filter(([, arbitrary]) => arbitrary !== undefined),
  ) as InvalidTallyVariants;
}
