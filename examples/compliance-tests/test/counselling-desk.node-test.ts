// The desk's tests under node:test: the same kit, no vitest anywhere (run: node --import tsx --test).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertCompliant,
  givenService,
  refusedWith,
  testCommandId,
  vaggerydCatalogue,
} from '@pinnstatistik/testing';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { createCounsellingDesk } from '../src/counselling-desk.js';
import { form, sessionForms } from './forms.js';

const catalogue = vaggerydCatalogue();

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

describe('the counselling desk (node:test)', () => {
  it('turns every form the staff can fill in into a session the policy accepts, and the log complies', async () => {
    const { scenario, desk } = await deskOn();
    await fc.assert(
      fc.asyncProperty(sessionForms(), async (filled) => {
        const course = await desk.startCourse();
        assert.ok(E.isRight(course));
        const recorded = await desk.recordSession(course.right.token, filled);
        assert.ok(E.isRight(recorded), E.isLeft(recorded) ? recorded.left.message.en : '');
      }),
      { numRuns: 40 },
    );
    await assertCompliant(scenario, catalogue);
  });

  it('stops a course at the five sessions the policy allows', async () => {
    const { desk } = await deskOn();
    const course = await desk.startCourse();
    assert.ok(E.isRight(course));
    for (let session = 0; session < 5; session += 1) {
      assert.ok(E.isRight(await desk.recordSession(course.right.token, form)));
    }
    const sixth = refusedWith(await desk.recordSession(course.right.token, form), 'SERIES_LIMIT_REACHED');
    assert.ok(sixth.pass, sixth.message);
  });
});
