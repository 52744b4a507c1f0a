import { dateIn } from '@pinnstatistik/testing';
import fc from 'fast-check';
import type { SessionForm } from '../src/counselling-desk.js';

/** Every form the desk's staff can fill in, dated between two days of 2025 (`YYYY-MM-DD`). */
export function sessionForms(first = '2025-06-01', last = '2025-06-20'): fc.Arbitrary<SessionForm> {
  return fc.record({
    date: dateIn(2025).filter((date) => date >= first && date <= last),
    caller: fc.constantFrom('mother', 'father', 'other-parent', 'unknown'),
    childrenAges: fc.array(fc.integer({ min: 0, max: 17 }), { minLength: 1, maxLength: 6 }),
    concern: fc.constantFrom('parenting', 'conflict', 'school', 'other'),
    referredBy: fc.constantFrom('self', 'school', 'preschool', 'health-care', 'other'),
    nextStep: fc.constantFrom('none', 'referred', 'unknown'),
  });
}

/** A filled-in form. */
export const form: SessionForm = {
  date: '2025-06-02',
  caller: 'mother',
  childrenAges: [9, 4],
  concern: 'school',
  referredBy: 'school',
  nextStep: 'none',
};
