// The policy the desk relies on, under node:test: given/when/then, arbitraries and fixtures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  adopted,
  assertCompliant,
  findings,
  givenService,
  givenTallySheet,
  invalidTallyCommand,
  sealedYear,
  testCommandId,
  vaggerydCatalogue,
} from '@pinnstatistik/testing';
import fc from 'fast-check';

const catalogue = vaggerydCatalogue();
const marks = {
  gender: 'male',
  childAges: [4],
  numberOfChildren: 1,
  problemArea: 'parenting',
  routeIn: 'preschool',
  furtherAction: 'none',
};

describe('the policy the desk relies on (node:test)', () => {
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

  it('counts a course of sessions up to its limit', async () => {
    const scenario = givenService({ catalogue, today: '2025-06-20' });
    const { token } = await scenario.step({
      type: 'OpenSeries',
      commandId: testCommandId('open'),
      interventionId: 'rad-och-stod',
      unitId: 'motesplats',
    });
    const session = (n: number) => ({
      type: 'RecordSession' as const,
      token,
      commandId: testCommandId(`session ${n}`),
      date: `2025-06-0${n}`,
      marks,
    });
    for (const n of [1, 2, 3, 4]) await scenario.step(session(n));
    await scenario.when(session(5)).then((events) => {
      assert.deepEqual(
        events.map((event) => event.type),
        ['ContactTallied'], // a session writes only its tally, which carries the series' tag
      );
    });
    await scenario.when(session(6)).thenRefuses('SERIES_LIMIT_REACHED');
  });

  it('finds what another system wrote against the policy, and says where', async () => {
    const year = await sealedYear();
    await assertCompliant(year, catalogue);
    const foreign = {
      type: 'ContactTallied',
      data: {
        tallyId: testCommandId('foreign'),
        interventionId: 'faltare-uppsokande',
        unitId: 'faltare',
        period: '2025-12',
        catalogueVersion: catalogue.version,
        marks: {},
      },
    };
    const found = await findings([foreign], catalogue);
    assert.deepEqual(
      found.map((finding) => [finding.code, finding.rule.interventionId, finding.position]),
      [['KIND_FORBIDS_RECORDING', 'faltare-uppsokande', '0']],
    );
    await assert.rejects(assertCompliant([foreign], catalogue), /KIND_FORBIDS_RECORDING/);
  });
});
