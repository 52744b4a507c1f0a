import { REFUSAL_CODES, type RefusalCode, vaggerydCatalogue } from '@pinnstatistik/core';
import { adopted, givenTallySheet } from '@pinnstatistik/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { givenService } from '../service/given-service.js';
import { invalidTallyCommand } from './invalid-tally-command.js';
import { invalidTallyVariants } from './invalid-tally-variants.js';

const catalogue = vaggerydCatalogue();
const sheet = () => givenTallySheet([adopted(catalogue)]);

describe('invalidTallyCommand', () => {
  it('has a variant for every refusal a lone tally command can earn under the Vaggeryd catalogue', () => {
    expect(Object.keys(invalidTallyVariants(catalogue)).sort()).toEqual(
      [
        'CASE_RECORD_REQUIRED',
        'DIMENSION_MISSING',
        'DIMENSION_NOT_ALLOWED',
        'DOCUMENTATION_EXEMPT',
        'INVALID_INPUT',
        'NO_CATALOGUE_IN_FORCE',
        'OUTSIDE_TARGET_GROUP',
        'PERSONAL_DATA_DETECTED',
        'RECORDING_NOT_ALLOWED',
        'UNIT_NOT_RESPONSIBLE',
        'UNKNOWN_INTERVENTION',
        'VALUE_NOT_IN_CODE_LIST',
      ].sort(),
    );
  });

  it.each(Object.keys(invalidTallyVariants(catalogue)) as RefusalCode[])(
    'every %s variant is refused by the tally decider with exactly that code',
    (code) => {
      fc.assert(
        fc.property(invalidTallyCommand(catalogue, { codes: [code] }), ({ input, expected }) => {
          expect(expected).toBe(code);
          sheet().when(input).thenRefuses(expected);
        }),
        { numRuns: 150 },
      );
    },
  );

  it('each labelled variant is refused through the command service too, writing nothing', async () => {
    const scenario = givenService({ catalogue, today: '2025-12-31' });
    await fc.assert(
      fc.asyncProperty(invalidTallyCommand(catalogue), async ({ input, expected }) => {
        await scenario.when(input as { type: string }).thenRefuses(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('labels only with known refusal codes and says what is wrong', () => {
    for (const sample of fc.sample(invalidTallyCommand(catalogue), { numRuns: 100, seed: 7 })) {
      expect(REFUSAL_CODES).toContain(sample.expected);
      expect(sample.variant.length).toBeGreaterThan(5);
    }
  });

  it('draws only the codes asked for, and says so when a catalogue allows none of them', () => {
    const codes = fc.sample(invalidTallyCommand(catalogue, { codes: ['DIMENSION_MISSING'] }), 30);
    expect(new Set(codes.map((sample) => sample.expected))).toEqual(new Set(['DIMENSION_MISSING']));
    expect(() => invalidTallyCommand(catalogue, { codes: ['SHEET_SEALED'] })).toThrow(/allows none/);
  });
});
