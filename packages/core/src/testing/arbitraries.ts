import fc from 'fast-check';
import { ageBandRange } from '../catalogue/age-banding.js';
import type { Catalogue } from '../catalogue/catalogue.js';
import { NOT_APPLICABLE, NOT_STATED } from '../catalogue/code-list.js';
import type { Dimension } from '../catalogue/dimension.js';
import { dimensionValues, findDimension } from '../catalogue/dimension-values.js';
import type { InterventionPolicy } from '../catalogue/intervention-policy.js';
import { requiresSeries } from '../catalogue/series-policy.js';
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

type Mark = string | number | (string | number)[];

function markFor(
  policy: InterventionPolicy,
  dimensionId: string,
  catalogue: Catalogue,
): fc.Arbitrary<string | number> {
  const dimension = findDimension(catalogue, dimensionId);
  if (dimension === undefined) return fc.constant(NOT_STATED);
  const range =
    policy.targetGroup.ageRange?.enforcedOn === dimensionId ? policy.targetGroup.ageRange : undefined;
  const values = dimensionValues(dimension, catalogue).filter((value) => {
    if (value === NOT_APPLICABLE) return false;
    if (range === undefined || value === NOT_STATED) return true;
    // A band is accepted when some age in it is in the target group.
    const ages = ageBandRange(value);
    return ages !== undefined && ages.max >= (range.min ?? 0) && ages.min <= (range.max ?? 200);
  });
  const codes = fc.constantFrom(...values);
  if (dimension.kind === 'age' || dimension.kind === 'age-list') {
    const banding = dimension.banding;
    const min = Math.max(
      range?.min ?? 0,
      dimension.ages?.min ?? 0,
      banding.kind === 'exact-years' ? banding.min : 0,
    );
    const max = Math.min(
      range?.max ?? 110,
      dimension.ages?.max ?? 110,
      banding.kind === 'exact-years' ? banding.max : 110,
    );
    return fc.oneof(codes, fc.integer({ min, max }));
  }
  if (dimension.kind === 'count') return fc.oneof(codes, fc.integer({ min: 0, max: 12 }));
  return codes;
}

/** A list of ages, and the count that agrees with it (as a number, a code, its top code or not stated). */
function listWithCount(
  policy: InterventionPolicy,
  dimension: Extract<Dimension, { kind: 'age-list' }>,
  catalogue: Catalogue,
): fc.Arbitrary<Record<string, Mark>> {
  const count = dimension.matchesCount;
  const countDimension = count === undefined ? undefined : findDimension(catalogue, count);
  const entries = fc.array(markFor(policy, dimension.id, catalogue), {
    maxLength: Math.min(dimension.maxEntries, 7),
  });
  if (
    count === undefined ||
    countDimension?.kind !== 'count' ||
    !(policy.tally.contact?.dimensions ?? []).includes(count)
  )
    return entries.map((list) => ({ [dimension.id]: list }));
  const top = countDimension.topCode;
  return entries.chain((list) =>
    fc
      .constantFrom<string | number>(
        list.length,
        list.length >= top ? `${top}+` : String(list.length),
        NOT_STATED,
      )
      .map((given) => ({ [dimension.id]: list, [count]: given })),
  );
}

/** Valid marks for a contact of a policy: every dimension, exactly one of each group of alternatives. */
function marksFor(policy: InterventionPolicy, catalogue: Catalogue): fc.Arbitrary<Record<string, Mark>> {
  const contact = policy.tally.contact;
  if (contact === undefined) return fc.constant({});
  const groups = contact.oneOf ?? [];
  const grouped = new Set(groups.flat());
  const lists = contact.dimensions
    .map((id) => findDimension(catalogue, id))
    .filter(
      (dimension): dimension is Extract<Dimension, { kind: 'age-list' }> => dimension?.kind === 'age-list',
    );
  const counted = new Set(
    lists.flatMap((list) => (list.matchesCount === undefined ? [] : [list.matchesCount])),
  );
  const listed = new Set(lists.map((list) => list.id));
  const plain = contact.dimensions.filter((id) => !grouped.has(id) && !listed.has(id) && !counted.has(id));
  const parts: fc.Arbitrary<Record<string, Mark>>[] = [
    fc.record(Object.fromEntries(plain.map((id) => [id, markFor(policy, id, catalogue)]))),
    ...lists.map((list) => listWithCount(policy, list, catalogue)),
    ...groups.map((group) =>
      fc.constantFrom(...group).chain((chosen) =>
        fc.tuple(markFor(policy, chosen, catalogue), fc.boolean()).map(([value, explicit]) => ({
          [chosen]: value,
          // The others are left out, or given as not applicable.
          ...(explicit
            ? Object.fromEntries(group.filter((id) => id !== chosen).map((id) => [id, NOT_APPLICABLE]))
            : {}),
        })),
      ),
    ),
  ];
  // A count that no list in this policy matches is an ordinary mark.
  for (const id of counted)
    if (
      !lists.some((list) => list.matchesCount === id && contact.dimensions.includes(id)) &&
      contact.dimensions.includes(id)
    )
      parts.push(markFor(policy, id, catalogue).map((value) => ({ [id]: value })));
  return fc.tuple(...parts).map((records) => Object.assign({}, ...records));
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

/**
 * Valid tally commands for any tallying intervention of a catalogue, dated within `year`. A
 * contact of an intervention whose series limit counts contacts is valid only as a session of
 * a series, so such contacts are left out unless `seriesContacts` asks for them (to test what
 * a series records).
 */
export function validTallyCommand(
  catalogue: Catalogue,
  year = 2025,
  options: { readonly seriesContacts?: boolean } = {},
): fc.Arbitrary<TallyCommandInput> {
  const perPolicy = tallyingPolicies(catalogue).flatMap((policy): fc.Arbitrary<TallyCommandInput>[] => {
    const base = fc.record({
      commandId: fc.uuid({ version: 4 }),
      interventionId: fc.constant(policy.id),
      unitId: fc.constantFrom(...policy.responsibleUnits),
      date: dateIn(year),
    });
    const arbitraries: fc.Arbitrary<TallyCommandInput>[] = [];
    const contact = policy.tally.contact;
    if (contact !== undefined && (options.seriesContacts === true || !requiresSeries(policy))) {
      const marks = marksFor(policy, catalogue);
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
