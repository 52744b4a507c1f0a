import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearDate, nearMarks, nearUuid } from '../testing/near-valid-fields.js';
import { fastRecordSession } from './fast-record-session.js';
import { RecordSessionSchema } from './series-commands.js';

// Near-valid sessions: every field sometimes right, sometimes wrong, sometimes missing or extra.
const nearSession = fc.record(
  {
    type: fc.constantFrom('RecordSession', 'TallyContact', 'recordsession'),
    commandId: nearUuid,
    correlationId: nearUuid,
    causationId: nearUuid,
    token: fc.oneof(
      fc.string({ maxLength: 70 }),
      fc.constantFrom('', 'K7MQ-9TXR-4WPA', 'x'.repeat(65)),
      fc.integer(),
    ),
    date: nearDate,
    marks: nearMarks,
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);
// Sessions right in every field but the token, which is sometimes just too short or too long.
const tokenAtItsLimits = fc.record({
  type: fc.constant('RecordSession'),
  commandId: fc.uuid({ version: 4 }),
  token: fc.oneof(fc.string({ minLength: 60, maxLength: 66 }), fc.constantFrom('', 'K')),
  date: fc.constantFrom('2025-01-05', '2025-10-01'),
});
const validSession = fc.record({
  type: fc.constant('RecordSession'),
  commandId: fc.uuid({ version: 4 }),
  token: fc.string({ minLength: 1, maxLength: 64 }),
  date: fc.constantFrom('2025-01-05', '2025-10-01'),
  marks: fc.constantFrom({}, { gender: 'female', childAges: [7, 4], numberOfChildren: 2 }),
});

describe('the fast path for a series session', () => {
  it('parses exactly what the schema parses, and leaves everything else to the schema', () => {
    fc.assert(
      fc.property(fc.oneof(nearSession, validSession, tokenAtItsLimits, fc.anything()), (input) => {
        const fast = fastRecordSession(input);
        if (fast === undefined) return;
        const parsed = RecordSessionSchema.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(fast).toStrictEqual(parsed.data);
      }),
      { numRuns: 5000 },
    );
  });

  it('takes every well-formed session', () => {
    fc.assert(
      fc.property(validSession, (input) => {
        expect(fastRecordSession(input)).toBeDefined();
      }),
    );
  });
});
