import { describe, expect, it } from 'vitest';
import { vaggerydCatalogueV1_0 } from '../catalogue/vaggeryd/v1-0/catalogue.js';
import { vaggerydCatalogue } from '../catalogue/vaggeryd/vaggeryd-catalogue.js';
import { adopted, givenSeriesSessions, givenTallySheet } from '../testing/tally-sheet-scenario.js';
import type { ContactTallied, TallyEvent } from './events.js';

const catalogue = vaggerydCatalogue();
const sheet = () => givenTallySheet([adopted(catalogue)]);
// Råd och stöd takes contacts only as sessions of a series: decided as the series records them.
const sessions = () => givenSeriesSessions([adopted(catalogue)]);
const marksOf = (events: readonly TallyEvent[]) => (events[0] as ContactTallied).data.marks;

const base = { type: 'TallyContact', commandId: '3f1e7c2a-9b4d-4e8f-a1c2-0d9e8f7a6b5c', date: '2025-03-14' };
const pupilSupport = (marks: Record<string, unknown>) => ({
  ...base,
  interventionId: 'rorligt-elevstod',
  unitId: 'rorligt-elevstod',
  marks: { gender: 'female', problemArea: 'school-situation', ...marks },
});
const adviceAndSupport = (marks: Record<string, unknown>) => ({
  ...base,
  interventionId: 'rad-och-stod',
  unitId: 'motesplats',
  marks: {
    gender: 'female',
    problemArea: 'parenting',
    routeIn: 'school',
    furtherAction: 'none',
    ...marks,
  },
});
const familyCounselling = (adultAge: unknown) => ({
  ...base,
  interventionId: 'familjecentral-enskilda-samtal',
  unitId: 'familjecentral',
  marks: {
    gender: 'female',
    adultAge,
    numberOfChildren: 1,
    household: 'single',
    problemArea: 'parenting',
    routeIn: 'own-initiative',
    furtherAction: 'none',
  },
});

describe('Rörligt elevstöd (row 14): pupils 10–16 and their parents', () => {
  it('accepts a parent of 41 and stores the parent’s age as a five-year class, the pupil’s as not applicable', () => {
    sheet()
      .when(pupilSupport({ adultAge: 41 }))
      .then((events) => {
        expect(marksOf(events)).toEqual({
          gender: 'female',
          pupilAge: 'not-applicable',
          adultAge: '40-44',
          problemArea: 'school-situation',
        });
        expect(JSON.stringify(events)).not.toContain('41');
      });
  });

  it('accepts a pupil of 13 and stores the age group, the parent’s age as not applicable', () => {
    sheet()
      .when(pupilSupport({ pupilAge: 13, adultAge: 'not-applicable' }))
      .then((events) => {
        expect(marksOf(events)).toMatchObject({ pupilAge: '13-14', adultAge: 'not-applicable' });
      });
  });

  it('refuses a pupil of 22 (or of 9) as outside the target group', () => {
    const refusal = sheet()
      .when(pupilSupport({ pupilAge: 22 }))
      .thenRefuses('OUTSIDE_TARGET_GROUP');
    expect(refusal.rule.clause).toBe('interventions/rorligt-elevstod/targetGroup/ageRange');
    sheet()
      .when(pupilSupport({ pupilAge: 9 }))
      .thenRefuses('OUTSIDE_TARGET_GROUP');
    sheet()
      .when(pupilSupport({ pupilAge: 16 }))
      .then((events) => expect(marksOf(events)).toMatchObject({ pupilAge: '15-17' }));
  });

  it('needs one age: a pupil’s or a parent’s, not both and not neither', () => {
    sheet()
      .when(pupilSupport({ pupilAge: 12, adultAge: 40 }))
      .thenRefuses('INVALID_INPUT');
    sheet().when(pupilSupport({})).thenRefuses('DIMENSION_MISSING');
    sheet()
      .when(pupilSupport({ pupilAge: 'not-applicable', adultAge: 'not-applicable' }))
      .thenRefuses('DIMENSION_MISSING');
    sheet()
      .when(pupilSupport({ pupilAge: 'not-stated' }))
      .then((events) => expect(marksOf(events)).toMatchObject({ pupilAge: 'not-stated' }));
  });
});

describe('adult ages start at 18', () => {
  it('refuses an adult age of 3 or of 17, accepts 18 in the five-year class 15–19', () => {
    sheet().when(familyCounselling(3)).thenRefuses('VALUE_NOT_IN_CODE_LIST');
    sheet().when(familyCounselling(17)).thenRefuses('VALUE_NOT_IN_CODE_LIST');
    sheet().when(familyCounselling('5-9')).thenRefuses('VALUE_NOT_IN_CODE_LIST');
    sheet()
      .when(familyCounselling(18))
      .then((events) => expect(marksOf(events)).toMatchObject({ adultAge: '15-19' }));
  });

  it('refuses "not applicable" where the age is not one of alternatives', () => {
    sheet().when(familyCounselling('not-applicable')).thenRefuses('VALUE_NOT_IN_CODE_LIST');
  });
});

describe('young people’s ages are stored as Socialstyrelsen’s age groups, never as exact years', () => {
  it.each([
    [13, '13-14'],
    [17, '15-17'],
    [19, '18-20'],
    [24, '21-25'],
  ])('a young person of %i at the youth clinic is stored as %s', (age, group) => {
    sheet()
      .when({
        ...base,
        interventionId: 'ungdomsmottagning-uppsokande',
        unitId: 'ungdomsmottagningen',
        marks: { gender: 'male', individualAge: age },
      })
      .then((events) => expect(marksOf(events)).toEqual({ gender: 'male', individualAge: group }));
  });
});

describe('råd och stöd (row 11): the ages of all the children a session concerns', () => {
  it('stores every child’s age group, youngest first, whatever order they were given in', () => {
    let first: unknown;
    sessions()
      .when(adviceAndSupport({ childAges: [15, 2, 9], numberOfChildren: 3 }))
      .then((events) => {
        first = marksOf(events).childAges;
        expect(first).toEqual(['0-3', '7-9', '15-17']);
      });
    sessions()
      .when(adviceAndSupport({ childAges: [9, 15, 2], numberOfChildren: 3 }))
      .then((events) => expect(marksOf(events).childAges).toEqual(first));
  });

  it('takes one age per child counted: a mismatch is refused, "4+" takes four or more, an unknown count any', () => {
    sessions()
      .when(adviceAndSupport({ childAges: [4], numberOfChildren: 2 }))
      .thenRefuses('INVALID_INPUT');
    sessions()
      .when(adviceAndSupport({ childAges: [1, 3, 5, 7, 9], numberOfChildren: 5 }))
      .then((events) => expect(marksOf(events)).toMatchObject({ numberOfChildren: '4+' }));
    sessions()
      .when(adviceAndSupport({ childAges: [1, 3, 5], numberOfChildren: '4+' }))
      .thenRefuses('INVALID_INPUT');
    sessions()
      .when(adviceAndSupport({ childAges: [6], numberOfChildren: 'not-stated' }))
      .then((events) => expect(marksOf(events).childAges).toEqual(['4-6']));
    sessions()
      .when(adviceAndSupport({ childAges: [], numberOfChildren: 0 }))
      .then((events) => expect(marksOf(events).childAges).toEqual([]));
  });

  it('refuses a child of 18, a single age where a list is expected, and the old mark childAge', () => {
    sessions()
      .when(adviceAndSupport({ childAges: [18], numberOfChildren: 1 }))
      .thenRefuses('VALUE_NOT_IN_CODE_LIST');
    sessions()
      .when(adviceAndSupport({ childAges: 9, numberOfChildren: 1 }))
      .thenRefuses('VALUE_NOT_IN_CODE_LIST');
    sessions()
      .when(adviceAndSupport({ childAge: 9, childAges: [9], numberOfChildren: 1 }))
      .thenRefuses('DIMENSION_NOT_ALLOWED');
  });

  it('refuses a personnummer inside the list as personal data, never echoing it', () => {
    const refusal = sessions()
      .when(adviceAndSupport({ childAges: [4, '19811218-9876'], numberOfChildren: 2 }))
      .thenRefuses('PERSONAL_DATA_DETECTED');
    expect(JSON.stringify(refusal)).not.toContain('1218-9876');
  });

  it('accepts an unknown age among known ones', () => {
    sessions()
      .when(adviceAndSupport({ childAges: ['not-stated', 11], numberOfChildren: 2 }))
      .then((events) => expect(marksOf(events).childAges).toEqual(['10-12', 'not-stated']));
  });
});

describe('tallies dated under version 1.0 are still checked against 1.0', () => {
  const v1_0 = vaggerydCatalogueV1_0();
  const v1_1 = vaggerydCatalogue({ effectiveFrom: '2025-07-01' });
  const both = () => givenSeriesSessions([adopted(v1_0), adopted(v1_1)]);
  const oldStyle = adviceAndSupport({ childAge: 9, numberOfChildren: 2 });

  it('a råd och stöd session in June takes 1.0’s one exact child age; in July 1.1’s list of age groups', () => {
    both()
      .when({ ...oldStyle, date: '2025-06-30' })
      .then((events) => {
        expect(events[0]?.data.catalogueVersion).toBe('1.0');
        expect(marksOf(events).childAge).toBe('9');
      });
    both()
      .when({ ...oldStyle, date: '2025-07-01' })
      .thenRefuses('DIMENSION_NOT_ALLOWED');
    both()
      .when({ ...adviceAndSupport({ childAges: [9, 4], numberOfChildren: 2 }), date: '2025-07-01' })
      .then((events) => {
        expect(events[0]?.data.catalogueVersion).toBe('1.1');
        expect(marksOf(events).childAges).toEqual(['4-6', '7-9']);
      });
  });
});
