import type { SheetTables } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { measures } from './measures.js';
import { populationOf } from './population-of.js';

// A sheet of three contacts: two women, one man; all three about the same problem; one
// cross-tabulation cell holding both women; two visitors, both women; one series of three.
const sheet: SheetTables = {
  contacts: 3,
  marginals: { gender: { female: 2, male: 1 }, problemArea: { parenting: 3 } },
  crossTabulations: { 'gender×problemArea': { 'female|parenting': 2, 'male|parenting': 1 } },
  listMarginals: { childAges: { '0-3': 1, '4-6': 1 } },
  groupMeetings: 0,
  participants: { adults: {}, children: {} },
  visitorSessions: 1,
  visitors: { female: 2 },
  voided: 0,
  seriesLengths: { '3': 1 },
};

describe('the population a base cell is keyed by', () => {
  const cross = (gender: string) => measures.crossTabulation('gender', gender, 'problemArea', 'parenting');

  it('is the sheet’s contacts for a category holding every contact, in any dimension', () => {
    expect(populationOf(sheet, measures.marginal('problemArea', 'parenting'), 3)).toBe('contacts');
    expect(populationOf(sheet, measures.contacts, 3)).toBe('contacts');
  });

  it('is the category itself when it holds only some of the contacts', () => {
    expect(populationOf(sheet, measures.marginal('gender', 'female'), 2)).toBe('contacts|gender=female');
    expect(populationOf(sheet, measures.marginal('gender', 'male'), 1)).toBe('contacts|gender=male');
  });

  it('is a cross-tabulation cell’s marginal when they count the same people', () => {
    expect(populationOf(sheet, cross('female'), 2)).toBe('contacts|gender=female');
    expect(populationOf(sheet, cross('male'), 1)).toBe('contacts|gender=male');
  });

  it('is the enclosing total of listed people, series and visitors when equal, never across kinds', () => {
    expect(populationOf(sheet, measures.listed('childAges', '0-3'), 1)).toBe('listed|childAges=0-3');
    expect(populationOf(sheet, measures.seriesLength('3'), 1)).toBe('series');
    // Two visitors who are women, and two contacts by women: not the same people.
    expect(populationOf(sheet, measures.visitorGender('female'), 2)).toBe('visitors');
  });
});
