import { AssertionError } from 'node:assert';
import { describe, expect, it } from 'vitest';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import { adopted, givenTallySheet } from './tally-sheet-scenario.js';

const visitors = {
  type: 'TallyVisitors',
  commandId: '0b9f3e7a-2c4d-4b1e-9f8a-7c6d5e4f3a2b',
  interventionId: 'motesplats-oppen-verksamhet',
  unitId: 'motesplats',
  date: '2025-05-06',
  visitors: { female: 12, male: 9 },
};
const scenario = () => givenTallySheet([adopted(vaggerydCatalogue())]);

describe('given/when/then fails with a readable message', () => {
  it('when the events differ from the expected ones', () => {
    expect(() => scenario().when(visitors).then([])).toThrow(AssertionError);
  });

  it('when a refusal was expected but the command was accepted', () => {
    expect(() => scenario().when(visitors).thenRefuses('DOCUMENTATION_EXEMPT')).toThrow(
      /expected a refusal with DOCUMENTATION_EXEMPT, but the command was accepted with 1 event/,
    );
  });

  it('when events were expected but the command was refused, naming the refusal', () => {
    expect(() =>
      scenario()
        .when({ ...visitors, unitId: 'faltare' })
        .then(() => undefined),
    ).toThrow(/refused with UNIT_NOT_RESPONSIBLE/);
  });

  it('when nothing should happen but something did', () => {
    expect(() => scenario().when(visitors).thenNothingHappens()).toThrow(/expected no events/);
  });

  it('passes when the expectation holds', () => {
    scenario()
      .when(visitors)
      .then((events) => expect(events[0]?.type).toBe('VisitorsTallied'));
  });
});
