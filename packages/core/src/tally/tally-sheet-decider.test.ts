import { describe, expect, it } from 'vitest';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import { adopted, givenTallySheet } from '../testing/tally-sheet-scenario.js';
import type { ContactTallied, TallyEvent } from './events.js';

const catalogue = vaggerydCatalogue();
const commandId = '3f1e7c2a-9b4d-4e8f-a1c2-0d9e8f7a6b5c';
const otherId = '5a6b7c8d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';
const counselling = {
  type: 'TallyContact',
  commandId,
  interventionId: 'familjecentral-enskilda-samtal',
  unitId: 'familjecentral',
  date: '2025-03-14',
  marks: {
    gender: 'female',
    adultAge: 34,
    numberOfChildren: 2,
    household: 'single',
    problemArea: 'parenting',
    routeIn: 'child-health-care',
    furtherAction: 'none',
  },
} as const;
const withMarks = (marks: Record<string, unknown>) => ({
  ...counselling,
  marks: { ...counselling.marks, ...marks },
});
const sheet = () => givenTallySheet([adopted(catalogue)]);

describe('tallying a contact', () => {
  it('records the month, the band of the age and the codes — never the date or the exact age', () => {
    sheet()
      .when(counselling)
      .then([
        {
          type: 'ContactTallied',
          data: {
            tallyId: commandId,
            interventionId: 'familjecentral-enskilda-samtal',
            unitId: 'familjecentral',
            period: '2025-03',
            catalogueVersion: '1.1',
            marks: {
              gender: 'female',
              adultAge: '30-34',
              numberOfChildren: '2',
              household: 'single',
              problemArea: 'parenting',
              routeIn: 'child-health-care',
              furtherAction: 'none',
            },
          },
        },
      ]);
  });

  it('top-codes counts and accepts an age already banded', () => {
    sheet()
      .when(withMarks({ numberOfChildren: 7, adultAge: '100+' }))
      .then(([event]: readonly TallyEvent[]) => {
        expect((event as ContactTallied).data.marks).toMatchObject({
          numberOfChildren: '4+',
          adultAge: '100+',
        });
      });
  });

  it("stores a young person's age as Socialstyrelsen's age group, not the exact year", () => {
    sheet()
      .when({
        ...counselling,
        interventionId: 'ungdomsmottagning-uppsokande',
        unitId: 'ungdomsmottagningen',
        marks: { gender: 'male', individualAge: 17 },
      })
      .then(([event]: readonly TallyEvent[]) => {
        expect((event as ContactTallied).data.marks).toEqual({ gender: 'male', individualAge: '15-17' });
      });
  });

  it('records the catalogue version in force on the date', () => {
    const revised = { ...catalogue, version: '1.2', effectiveFrom: '2025-03-01' };
    givenTallySheet([adopted(catalogue), adopted(revised)])
      .when({ ...counselling, date: '2025-02-28' })
      .then(([event]: readonly TallyEvent[]) => expect(event?.data.catalogueVersion).toBe('1.1'));
    givenTallySheet([adopted(catalogue), adopted(revised)])
      .when(counselling)
      .then(([event]: readonly TallyEvent[]) => expect(event?.data.catalogueVersion).toBe('1.2'));
  });
});

describe('refusals', () => {
  it('DOCUMENTATION_EXEMPT for outreach by the field workers (row 6), with its ground', () => {
    const refusal = sheet()
      .when({ ...counselling, interventionId: 'faltare-uppsokande', unitId: 'faltare', marks: {} })
      .thenRefuses('DOCUMENTATION_EXEMPT');
    expect(refusal.message.sv).toContain('inte vara genomförbart');
    expect(refusal.message.en).toContain('not considered feasible');
    expect(refusal.rule).toEqual({
      catalogueId: 'vaggeryd',
      catalogueVersion: '1.1',
      interventionId: 'faltare-uppsokande',
      clause: 'interventions/faltare-uppsokande/documentation',
    });
  });

  it('CASE_RECORD_REQUIRED for the safety alarm (row 18), naming the case-management system', () => {
    const refusal = sheet()
      .when({ ...counselling, interventionId: 'trygghetslarm', unitId: 'aldreomsorgen', marks: {} })
      .thenRefuses('CASE_RECORD_REQUIRED');
    expect(refusal.message.sv).toContain('verksamhetssystem');
    expect(refusal.message.en).toContain('case-management system');
  });

  it('UNKNOWN_INTERVENTION for an id not in the catalogue (names are not ids)', () => {
    sheet()
      .when({ ...counselling, interventionId: 'uppsokande-verksamhet' })
      .thenRefuses('UNKNOWN_INTERVENTION');
  });

  it('UNIT_NOT_RESPONSIBLE when the unit does not deliver the intervention', () => {
    const refusal = sheet()
      .when({ ...counselling, unitId: 'motesplats' })
      .thenRefuses('UNIT_NOT_RESPONSIBLE');
    expect(refusal).toMatchObject({ responsibleUnits: ['familjecentral'] });
    expect(refusal.message.sv).toContain('Ansvariga enheter: Familjecentral.');
    const unknown = sheet()
      .when({ ...counselling, unitId: 'lisa-berg' })
      .thenRefuses('UNIT_NOT_RESPONSIBLE');
    expect(JSON.stringify(unknown)).not.toContain('lisa-berg');
  });

  it('RECORDING_NOT_ALLOWED when visitors are tallied for counselling', () => {
    sheet()
      .when({
        type: 'TallyVisitors',
        commandId,
        interventionId: counselling.interventionId,
        unitId: 'familjecentral',
        date: '2025-03-01',
        visitors: { female: 3 },
      })
      .thenRefuses('RECORDING_NOT_ALLOWED');
  });

  it('DIMENSION_NOT_ALLOWED for a dimension the policy does not tally — refused, not dropped', () => {
    const refusal = sheet()
      .when(withMarks({ relationToRelative: 'parent' }))
      .thenRefuses('DIMENSION_NOT_ALLOWED');
    expect(refusal).toMatchObject({ dimension: 'relationToRelative' });
    expect(refusal.message.sv).toContain('Uppgiften "Relation till anhörig" registreras inte');
    const unknown = sheet()
      .when(withMarks({ lisaBerg: 'x' }))
      .thenRefuses('DIMENSION_NOT_ALLOWED');
    expect(JSON.stringify(unknown)).not.toContain('lisaBerg');
  });

  it('DIMENSION_NOT_ALLOWED for adults at a group that counts children only (row 10)', () => {
    sheet()
      .when({
        type: 'TallyGroupMeeting',
        commandId,
        interventionId: 'ungdomsmottagning-gruppverksamhet',
        unitId: 'ungdomsmottagningen',
        date: '2025-03-01',
        participants: { adults: { female: 1 }, children: { male: 4 } },
      })
      .thenRefuses('DIMENSION_NOT_ALLOWED');
  });

  it('DIMENSION_MISSING when a tallied dimension is left out', () => {
    const { routeIn: _routeIn, ...marks } = counselling.marks;
    sheet()
      .when({ ...counselling, marks })
      .thenRefuses('DIMENSION_MISSING');
  });

  it('VALUE_NOT_IN_CODE_LIST for a value outside the closed list, without repeating it', () => {
    const refusal = sheet()
      .when(withMarks({ problemArea: 'mamma dricker' }))
      .thenRefuses('VALUE_NOT_IN_CODE_LIST');
    expect(JSON.stringify(refusal)).not.toContain('mamma dricker');
    expect(refusal.message.en).toContain('parenting');
  });

  it('VALUE_NOT_IN_CODE_LIST for a gender code outside the list in head counts', () => {
    sheet()
      .when({
        type: 'TallyVisitors',
        commandId,
        interventionId: 'motesplats-oppen-verksamhet',
        unitId: 'motesplats',
        date: '2025-03-01',
        visitors: { women: 3 },
      })
      .thenRefuses('VALUE_NOT_IN_CODE_LIST');
  });

  it('OUTSIDE_TARGET_GROUP for a 12-year-old at a serious talk (13–21)', () => {
    const talk = {
      ...counselling,
      interventionId: 'faltare-allvarssamtal',
      unitId: 'faltare',
      marks: { gender: 'male', individualAge: 12, problemArea: 'norm-breaking', routeIn: 'school' },
    };
    sheet().when(talk).thenRefuses('OUTSIDE_TARGET_GROUP');
    sheet()
      .when({ ...talk, marks: { ...talk.marks, individualAge: 22 } })
      .thenRefuses('OUTSIDE_TARGET_GROUP');
    sheet()
      .when({ ...talk, marks: { ...talk.marks, individualAge: 21 } })
      .then(([event]: readonly TallyEvent[]) => {
        expect(event?.type).toBe('ContactTallied');
      });
  });

  it('NO_CATALOGUE_IN_FORCE before the first catalogue takes effect', () => {
    sheet()
      .when({ ...counselling, date: '2024-12-31' })
      .thenRefuses('NO_CATALOGUE_IN_FORCE');
    givenTallySheet([]).when(counselling).thenRefuses('NO_CATALOGUE_IN_FORCE');
  });

  it('PERSONAL_DATA_DETECTED for a personnummer in any field, never echoing it', () => {
    const refusal = sheet()
      .when(withMarks({ routeIn: '19121212-1212' }))
      .thenRefuses('PERSONAL_DATA_DETECTED');
    expect(JSON.stringify(refusal)).not.toContain('1212-1212');
    expect(JSON.stringify(refusal)).not.toContain('121212');
    expect(refusal.message.sv).toContain('personnummer');
  });

  it('INVALID_INPUT for unknown fields (strict schemas) and a malformed date', () => {
    const unknownField = sheet()
      .when({ ...counselling, comment: 'fin dag' })
      .thenRefuses('INVALID_INPUT');
    expect(unknownField).toMatchObject({ issues: [{ path: '', message: 'an unknown field' }] });
    expect(JSON.stringify(unknownField)).not.toContain('comment');
    expect(JSON.stringify(unknownField)).not.toContain('fin dag');
    sheet()
      .when({ ...counselling, date: '14/3/2025' })
      .thenRefuses('INVALID_INPUT');
    sheet()
      .when({ ...counselling, commandId: 'my-command' })
      .thenRefuses('INVALID_INPUT');
  });

  it('INVALID_INPUT for a group meeting with nobody at it', () => {
    sheet()
      .when({
        type: 'TallyGroupMeeting',
        commandId,
        interventionId: 'mentaliseringsgrupp',
        unitId: 'familj-och-ungdomsteamet',
        date: '2025-03-01',
        participants: { children: { female: 0 } },
      })
      .thenRefuses('INVALID_INPUT');
  });
});

describe('voiding a tally', () => {
  const tallied = () => {
    const scenario = sheet();
    let events: readonly TallyEvent[] = [];
    scenario.when(counselling).then((decided) => {
      events = decided;
    });
    return events;
  };
  const voidCommand = {
    type: 'VoidTally',
    commandId: otherId,
    interventionId: counselling.interventionId,
    unitId: 'familjecentral',
    period: '2025-03',
    tallyId: commandId,
    reason: 'duplicate',
  } as const;

  it('records a compensating event with the reason code, carrying the tally it takes away', () => {
    const original = tallied();
    givenTallySheet([adopted(catalogue), ...original])
      .when(voidCommand)
      .then([
        {
          type: 'TallyVoided',
          data: {
            tallyId: commandId,
            interventionId: counselling.interventionId,
            unitId: 'familjecentral',
            period: '2025-03',
            catalogueVersion: '1.1',
            reason: 'duplicate',
            voided: original[0] as ContactTallied,
          },
        },
      ]);
  });

  it('TALLY_NOT_FOUND for a tally not on the sheet, and TALLY_ALREADY_VOIDED the second time', () => {
    sheet().when(voidCommand).thenRefuses('TALLY_NOT_FOUND');
    const history = [adopted(catalogue), ...tallied()];
    let voided: readonly TallyEvent[] = [];
    givenTallySheet(history)
      .when(voidCommand)
      .then((decided) => {
        voided = decided;
      });
    givenTallySheet([...history, ...voided])
      .when({ ...voidCommand, commandId })
      .thenRefuses('TALLY_ALREADY_VOIDED');
  });

  it('refuses a reason outside the closed list', () => {
    sheet()
      .when({ ...voidCommand, reason: 'klienten ångrade sig' })
      .thenRefuses('INVALID_INPUT');
  });
});
