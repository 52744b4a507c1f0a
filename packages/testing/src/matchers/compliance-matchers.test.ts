import { vaggerydCatalogue } from '@pinnstatistik/core';
import { adopted, givenTallySheet } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import '../vitest.js';
import { givenService } from '../service/given-service.js';
import { testCommandId } from '../service/test-command-id.js';
import { refusedWith } from './refused-with.js';

const catalogue = vaggerydCatalogue();
const visitors = {
  type: 'TallyVisitors' as const,
  commandId: testCommandId('visitors'),
  interventionId: 'motesplats-oppen-verksamhet',
  unitId: 'motesplats',
  date: '2025-05-06',
  visitors: { female: 12, male: 9 },
};
const exempt = givenTallySheet([adopted(catalogue)])
  .when({ ...visitors, interventionId: 'faltare-uppsokande', unitId: 'faltare' })
  .thenRefuses('DOCUMENTATION_EXEMPT');

describe('toBeRefusedWith', () => {
  it('passes on a refused Either and on a refusal itself', async () => {
    const scenario = givenService({ catalogue, today: '2025-06-20' });
    await scenario.ready();
    const { service } = scenario;
    expect(await service.tally({ ...visitors, unitId: 'faltare' })).toBeRefusedWith('UNIT_NOT_RESPONSIBLE');
    expect(exempt).toBeRefusedWith('DOCUMENTATION_EXEMPT');
    expect(E.right(1)).not.toBeRefusedWith('DOCUMENTATION_EXEMPT');
  });

  it('fails readably: accepted, refused with another code, or not a result at all', () => {
    expect(() => expect(E.right({ tallyId: 'x' })).toBeRefusedWith('SHEET_SEALED')).toThrow(
      'expected a refusal with SHEET_SEALED, but it was accepted: {"tallyId":"x"}',
    );
    expect(() => expect(E.left(exempt)).toBeRefusedWith('SHEET_SEALED')).toThrow(
      /expected a refusal with SHEET_SEALED, but it was refused with DOCUMENTATION_EXEMPT: /,
    );
    expect(() => expect(42).toBeRefusedWith('SHEET_SEALED')).toThrow(
      'expected a refusal with SHEET_SEALED, but 42 is neither an Either nor a refusal',
    );
    expect(() => expect(exempt).not.toBeRefusedWith('DOCUMENTATION_EXEMPT')).toThrow(
      /expected anything but a refusal with DOCUMENTATION_EXEMPT, but it was refused with it/,
    );
  });

  it('is the same verdict without vitest (refusedWith)', () => {
    expect(refusedWith(E.left(exempt), 'DOCUMENTATION_EXEMPT').pass).toBe(true);
    expect(refusedWith(E.right([]), 'DOCUMENTATION_EXEMPT').pass).toBe(false);
  });
});

describe('toComplyWith', () => {
  const foreign = {
    type: 'ContactTallied',
    data: {
      tallyId: testCommandId('foreign'),
      interventionId: 'trygghetslarm',
      unitId: 'aldreomsorgen',
      period: '2025-04',
      catalogueVersion: catalogue.version,
      marks: {},
    },
  };

  it('passes on a store written through the library, and fails on one that is not compliant', async () => {
    const scenario = givenService({ catalogue, today: '2025-06-20', steps: [visitors] });
    await expect(scenario).toComplyWith(catalogue);
    await expect([foreign]).not.toComplyWith(catalogue);
  });

  it('fails with every finding in plain words', async () => {
    await expect(expect([foreign]).toComplyWith(catalogue)).rejects.toThrow(
      /expected the log to comply with catalogue vaggeryd 1\.1, but the audit found 1 problem\(s\):\n1\. KIND_FORBIDS_RECORDING: .* \(case-record-required\)\.\n {3}where: stream tally-2025-04-given-trygghetslarm\.aldreomsorgen, revision 0, position 0\n {3}rule: catalogue vaggeryd 1\.1, intervention trygghetslarm, clause interventions\/trygghetslarm\/documentation/,
    );
  });
});
