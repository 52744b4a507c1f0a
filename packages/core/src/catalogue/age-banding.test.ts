import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBandCodes, ageBandOf, ageBandRange } from './age-banding.js';
import { childAndYouthAgeClasses } from './child-age-classes.js';

describe("Socialstyrelsen's age groups for children and young people", () => {
  it('are 0–3, 4–6, 7–9, 10–12, 13–14, 15–17, 18–20, then the project’s 21–25 and 26+', () => {
    expect(ageBandCodes(childAndYouthAgeClasses)).toEqual([
      '0-3',
      '4-6',
      '7-9',
      '10-12',
      '13-14',
      '15-17',
      '18-20',
      '21-25',
      '26+',
    ]);
  });

  it('keep only the groups that hold an age of the domain', () => {
    expect(ageBandCodes(childAndYouthAgeClasses, { min: 10, max: 16 })).toEqual(['10-12', '13-14', '15-17']);
    expect(ageBandCodes({ kind: 'five-year' }, { min: 18 })[0]).toBe('15-19');
  });

  it('put every age of the domain in exactly the group whose range holds it, and refuse ages outside', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (age) => {
        const code = ageBandOf(age, childAndYouthAgeClasses, { min: 0, max: 17 });
        if (age > 17) {
          expect(code).toBeUndefined();
          return;
        }
        const range = ageBandRange(code as string);
        expect(range !== undefined && age >= range.min && age <= range.max).toBe(true);
      }),
    );
    expect(ageBandOf(3, { kind: 'five-year' }, { min: 18 })).toBeUndefined();
    expect(ageBandOf(41, { kind: 'five-year' }, { min: 18 })).toBe('40-44');
  });
});
