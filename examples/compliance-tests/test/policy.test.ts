// The policy the desk relies on, asserted with the kit's given/when/then and arbitraries (vitest).
import '@pinnstatistik/testing/vitest';
import {
  adopted,
  givenService,
  givenTallySheet,
  invalidTallyCommand,
  sealedYear,
  testCommandId,
  vaggerydCatalogue,
} from '@pinnstatistik/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const catalogue = vaggerydCatalogue();

describe('the policy the desk relies on (vitest)', () => {
  it('refuses every invalid tally with the refusal its label names', () => {
    fc.assert(
      fc.property(invalidTallyCommand(catalogue), ({ input, expected }) => {
        givenTallySheet([adopted(catalogue)])
          .when(input)
          .thenRefuses(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps working notes only for interventions that allow them', async () => {
    const scenario = givenService({ catalogue, today: '2025-06-20' });
    const { token } = await scenario.step({
      type: 'OpenSeries',
      commandId: testCommandId('open'),
      interventionId: 'familjecentral-hembesok-bhv',
      unitId: 'familjecentral',
    });
    await scenario
      .when({ type: 'WriteNote', token, commandId: testCommandId('note'), text: 'Nästa besök: vikt.' })
      .thenRefuses('WORKING_NOTES_NOT_ALLOWED');
  });

  it('accepts the sealed-year fixture as compliant', async () => {
    const year = await sealedYear();
    await expect(year).toComplyWith(catalogue);
    expect(year.sealedPeriods).toHaveLength(11);
  });
});
