import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import { validTallyCommand } from '../testing/arbitraries.js';
import { nearDate, nearMarks, nearUuid } from '../testing/near-valid-fields.js';
import { TallyCommandSchema, TallyContactSchema } from './commands.js';
import { fastTallyContact } from './fast-tally-contact.js';

const catalogue = vaggerydCatalogue();
// Near-valid contacts: every field sometimes right, sometimes wrong, sometimes missing or extra.
const nearContact = fc.record(
  {
    type: fc.constantFrom('TallyContact', 'TallyVisitors', 'tallycontact'),
    commandId: nearUuid,
    correlationId: nearUuid,
    causationId: nearUuid,
    interventionId: fc.oneof(fc.constantFrom('rad-och-stod', 'a--b', 'A', 'x'.repeat(65)), fc.string()),
    unitId: fc.oneof(fc.constantFrom('motesplats', '-x'), fc.string()),
    date: nearDate,
    marks: nearMarks,
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
