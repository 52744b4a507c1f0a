import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import { validTallyCommand } from '../testing/arbitraries.js';
import { TallyCommandSchema, TallyContactSchema } from './commands.js';
import { fastTallyContact } from './fast-tally-contact.js';

const catalogue = vaggerydCatalogue();
const uuid = fc.oneof(fc.uuid(), fc.string(), fc.constantFrom('00000000-0000-0000-0000-000000000000'));
const scalarMark = fc.oneof(
  fc.string({ maxLength: 45 }),
  fc.integer({ min: -5, max: 140 }),
  fc.double(),
  fc.constantFrom(-0, Number.NaN, null, true, undefined),
);
// Lists of ages (row 11's children): near the length limit, with bad entries, sparse or decorated.
const markValue = fc.oneof(
  scalarMark,
  fc.array(scalarMark, { maxLength: 22 }),
  fc.array(fc.integer({ min: 0, max: 17 }), { minLength: 18, maxLength: 22 }),
  fc.constantFrom(
    // biome-ignore lint/suspicious/noSparseArray: a sparse list must be left to the schema.
    [1, , 3],
    Object.assign([4, 5], { extra: 1 }),
  ),
);
const markKey = fc.oneof(
  fc.constantFrom('gender', 'adultAge', 'childAges', 'aB9', 'x'.repeat(41)),
  fc.string({ maxLength: 42 }),
);
// Near-valid contacts: every field sometimes right, sometimes wrong, sometimes missing or extra.
const nearContact = fc.record(
  {
    type: fc.constantFrom('TallyContact', 'TallyVisitors', 'tallycontact'),
    commandId: uuid,
    correlationId: uuid,
    causationId: uuid,
    interventionId: fc.oneof(fc.constantFrom('rad-och-stod', 'a--b', 'A', 'x'.repeat(65)), fc.string()),
    unitId: fc.oneof(fc.constantFrom('motesplats', '-x'), fc.string()),
    date: fc.oneof(
      fc.constantFrom('2025-02-29', '2024-02-29', '2025-13-01', '2025-04-31', '2025-01-05'),
      fc.string(),
    ),
    marks: fc.oneof(fc.dictionary(markKey, markValue, { maxKeys: 4 }), fc.constantFrom(null, [], 'x')),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('the fast path for a tally contact', () => {
  it('parses exactly what the schema parses, and leaves everything else to the schema', () => {
    fc.assert(
      fc.property(fc.oneof(nearContact, validTallyCommand(catalogue, 2025), fc.anything()), (input) => {
        const fast = fastTallyContact(input);
        if (fast === undefined) return;
        const contact = TallyContactSchema.safeParse(input);
        const command = TallyCommandSchema.safeParse(input);
        expect(contact.success && command.success).toBe(true);
        expect(fast).toStrictEqual(command.data);
      }),
      { numRuns: 5000 },
    );
  });

  it('takes every valid contact of the catalogue', () => {
    fc.assert(
      fc.property(validTallyCommand(catalogue, 2025), (input) => {
        if (input.type === 'TallyContact') expect(fastTallyContact(input)).toBeDefined();
      }),
    );
  });
});
