// The desk's tests under vitest: the kit's matchers, registered by importing its vitest entry.
import '@pinnstatistik/testing/vitest';
import { givenService, testCommandId, vaggerydCatalogue } from '@pinnstatistik/testing';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createCounsellingDesk } from '../src/counselling-desk.js';
import { form, sessionForms } from './forms.js';

const catalogue = vaggerydCatalogue();

/** The desk on a service over an in-memory store, with a fixed clock and seeded randomness. */
async function deskOn(today = '2025-06-20') {
  const scenario = givenService({ catalogue, today });
  await scenario.ready();
  let n = 0;
  const nextId = (): string => {
    n += 1;
    return testCommandId(`desk ${n}`);
  };
  const desk = createCounsellingDesk(scenario.service, nextId);
  return { scenario, desk };
}

describe('the counselling desk (vitest)', () => {
  it('turns every form the staff can fill in into a session the policy accepts, and the log complies', async () => {
    const { scenario, desk } = await deskOn();
    await fc.assert(
      fc.asyncProperty(sessionForms(), async (filled) => {
        const course = await desk.startCourse();
        if (E.isLeft(course)) throw new Error(course.left.message.en);
        const recorded = await desk.recordSession(course.right.token, filled);
        expect(recorded, E.isLeft(recorded) ? recorded.left.message.en : '').toMatchObject({ _tag: 'Right' });
        expect(E.isRight(await desk.endCourse(course.right.token))).toBe(true);
      }),
      { numRuns: 40 },
    );
    await expect(scenario).toComplyWith(catalogue);
  });

  it('stops a course at the five sessions the policy allows', async () => {
    const { desk } = await deskOn();
    const course = await desk.startCourse();
    if (E.isLeft(course)) throw new Error(course.left.code);
    for (let session = 0; session < 5; session += 1) {
      expect(E.isRight(await desk.recordSession(course.right.token, form))).toBe(true);
    }
    expect(await desk.recordSession(course.right.token, form)).toBeRefusedWith('SERIES_LIMIT_REACHED');
  });

  it('has its ages checked by the policy: an 18-year-old is no child', async () => {
    const { desk } = await deskOn();
    const course = await desk.startCourse();
    if (E.isLeft(course)) throw new Error(course.left.code);
    expect(await desk.recordSession(course.right.token, { ...form, childrenAges: [9, 18] })).toBeRefusedWith(
      'VALUE_NOT_IN_CODE_LIST',
    );
  });

  it('keeps the log compliant through sealing, and its sealed month refuses late sessions', async () => {
    const { scenario, desk } = await deskOn();
    const course = await desk.startCourse();
    if (E.isLeft(course)) throw new Error(course.left.code);
    await desk.recordSession(course.right.token, { ...form, date: '2025-05-20' });
    await scenario
      .at('2025-06-16')
      .when({ type: 'SealPeriod', commandId: testCommandId('seal May'), period: '2025-05' })
      .then((events) => {
        expect(events.map((event) => event.type)).toContain('PeriodSealed');
      });
    expect(await desk.recordSession(course.right.token, { ...form, date: '2025-05-21' })).toBeRefusedWith(
      'SHEET_SEALED',
    );
    await expect(scenario).toComplyWith(catalogue);
  });
});
