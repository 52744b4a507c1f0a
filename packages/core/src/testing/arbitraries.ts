import fc from 'fast-check';
import type { Catalogue } from '../catalogue/catalogue.js';
import { dimensionValues, findDimension } from '../catalogue/dimension-values.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import type { TallyCommandInput } from '../tally/commands.js';

/** Interventions of a catalogue that keep tallies (not exempt, not case-record-required). */
export function tallyingPolicies(catalogue: Catalogue): InterventionPolicy[] {
  return catalogue.interventions.filter(
    (policy) =>
      policy.documentation.kind === 'aggregate' ||
      policy.documentation.kind === 'aggregate-with-working-notes',
  );
}

/** A date in a year, as `YYYY-MM-DD`. */
export function dateIn(year: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([month, day]) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

function markFor(
  policy: InterventionPolicy,
  dimensionId: string,
  catalogue: Catalogue,
): fc.Arbitrary<string | number> {
  const dimension = findDimension(catalogue, dimensionId);
  if (dimension === undefined) return fc.constant('not-stated');
  const range =
    policy.targetGroup.ageRange?.enforcedOn === dimensionId ? policy.targetGroup.ageRange : undefined;
  const values = dimensionValues(dimension, catalogue).filter((value) => {
    if (range === undefined || value === 'not-stated') return true;
    const age = Number(value);
    return Number.isInteger(age) && age >= (range.min ?? 0) && age <= (range.max ?? 200);
  });
  const codes = fc.constantFrom(...values);
  if (dimension.kind === 'age') {
    const banding = dimension.banding;
    const min = Math.max(range?.min ?? 0, banding.kind === 'exact-years' ? banding.min : 0);
    const max = Math.min(range?.max ?? 110, banding.kind === 'exact-years' ? banding.max : 110);
    return fc.oneof(codes, fc.integer({ min, max }));
  }
  if (dimension.kind === 'count') return fc.oneof(codes, fc.integer({ min: 0, max: 12 }));
  return codes;
}

const genderCounts = (catalogue: Catalogue): fc.Arbitrary<Record<string, number>> =>
  fc
    .record(
      Object.fromEntries(
        (catalogue.codeLists.gender?.codes ?? []).map((code) => [code.code, fc.integer({ min: 0, max: 25 })]),
      ),
      { requiredKeys: [] },
    )
    .map(
      (counts) =>
        Object.fromEntries(Object.entries(counts).filter(([, count]) => count !== undefined)) as Record<
          string,
          number
        >,
    );

/** Valid tally commands for any tallying intervention of a catalogue, dated within `year`. */
export function validTallyCommand(catalogue: Catalogue, year = 2025): fc.Arbitrary<TallyCommandInput> {
  const perPolicy = tallyingPolicies(catalogue).flatMap((policy): fc.Arbitrary<TallyCommandInput>[] => {
    const base = fc.record({
      commandId: fc.uuid({ version: 4 }),
      interventionId: fc.constant(policy.id),
      unitId: fc.constantFrom(...policy.responsibleUnits),
      date: dateIn(year),
    });
    const arbitraries: fc.Arbitrary<TallyCommandInput>[] = [];
    const contact = policy.tally.contact;
    if (contact !== undefined) {
      const marks = fc.record(
        Object.fromEntries(contact.dimensions.map((id) => [id, markFor(policy, id, catalogue)])) as Record<
          string,
          fc.Arbitrary<string | number>
        >,
      );
      arbitraries.push(
        fc.tuple(base, marks).map(([command, marks]) => ({ type: 'TallyContact', ...command, marks })),
      );
    }
    const meeting = policy.tally.groupMeeting;
    if (meeting !== undefined) {
      const participants = fc
        .record(Object.fromEntries(meeting.participants.map((group) => [group, genderCounts(catalogue)])))
        .filter((groups) =>
          Object.values(groups).some((counts) => Object.values(counts).some((count) => count > 0)),
        );
      arbitraries.push(
        fc
          .tuple(base, participants)
          .map(([command, participants]) => ({ type: 'TallyGroupMeeting', ...command, participants })),
      );
    }
    if (policy.tally.visitors !== undefined) {
      arbitraries.push(
        fc
          .tuple(base, genderCounts(catalogue))
          .map(([command, visitors]) => ({ type: 'TallyVisitors', ...command, visitors })),
      );
    }
    return arbitraries;
  });
  return fc.oneof(...perPolicy);
}

/** A Swedish personnummer or samordningsnummer with a correct check digit, in any accepted format. */
export function personalIdentityNumber(): fc.Arbitrary<string> {
  return fc
    .record({
      century: fc.constantFrom('', '19', '20'),
      year: fc.integer({ min: 0, max: 99 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      coordination: fc.boolean(),
      serial: fc.integer({ min: 0, max: 999 }),
      separator: fc.constantFrom('', '-', '+'),
    })
    .map(({ century, year, month, day, coordination, serial, separator }) => {
      const pad = (value: number, width: number): string => String(value).padStart(width, '0');
      const nine = `${pad(year, 2)}${pad(month, 2)}${pad(coordination ? day + 60 : day, 2)}${pad(serial, 3)}`;
      let sum = 0;
      for (let index = 0; index < 9; index += 1) {
        let digit = Number(nine[index]) * (index % 2 === 0 ? 2 : 1);
        if (digit > 9) digit -= 9;
        sum += digit;
      }
      const check = (10 - (sum % 10)) % 10;
      return `${century}${nine.slice(0, 6)}${separator}${nine.slice(6)}${check}`;
    });
}
