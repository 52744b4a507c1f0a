import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personalIdentityNumber } from '../testing/arbitraries.js';
import { findPersonalData } from './find-personal-data.js';
import { passesLuhn } from './luhn.js';
import { scanForPersonalData } from './personal-data-guard.js';

describe('recognising personal data', () => {
  it.each([
    ['121212-1212', 'personnummer'],
    ['1212121212', 'personnummer'],
    ['19121212-1212', 'personnummer'],
    ['191212121212', 'personnummer'],
    ['121212+1212', 'personnummer'],
    ['samtal med 121212-1212 om oro', 'personnummer'],
    ['701063-2391', 'samordningsnummer'],
  ])('finds %s as a %s', (text, kind) => {
    expect(findPersonalData(text)).toBe(kind);
  });

  it.each([
    ['070-123 45 67'],
    ['0701234567'],
    ['+46 70 123 45 67'],
    ['0046701234567'],
    ['036-10 50 00'],
    ['ring (036) 10 50 00'],
  ])('finds the phone number %s', (text) => {
    expect(findPersonalData(text)).toBe('phone-number');
  });

  it.each([['anna.svensson@example.se'], ['skriv till a+b@kommun.vaggeryd.se']])(
    'finds the e-mail address %s',
    (text) => {
      expect(findPersonalData(text)).toBe('email-address');
    },
  );

  it.each([
    ['121212-1213', 'a wrong check digit'],
    ['121312-1210', 'month 13'],
    ['2025-03-14', 'a date'],
    ['2025-03', 'a period'],
    ['0f0b1c2d-1234-4abc-8def-0123456789ab', 'a UUID'],
    ['05680123-0701-4234-8123-070123456789', 'a UUID full of digits'],
    ['30-34', 'an age band'],
    ['4+', 'a top-coded count'],
    ['rad-och-stod', 'an intervention id'],
    ['100+', 'the oldest age class'],
  ])('does not flag %s (%s)', (text) => {
    expect(findPersonalData(text)).toBeUndefined();
  });

  it('checks the Luhn digit as Skatteverket does', () => {
    expect(passesLuhn('1212121212')).toBe(true);
    expect(passesLuhn('1212121213')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });

  it('finds every generated personnummer and samordningsnummer, in every format, anywhere in a text', () => {
    fc.assert(
      fc.property(personalIdentityNumber(), fc.string(), fc.string(), (number, before, after) => {
        const text = `${before} ${number} ${after}`;
        expect(findPersonalData(text)).toMatch(/^(personnummer|samordningsnummer)$/);
      }),
    );
  });
});

describe('scanning an input', () => {
  it('finds personal data in nested values and reports the path, never the value', () => {
    const finding = scanForPersonalData({ marks: { routeIn: 'self', note: ['ok', 'mail anna@example.se'] } });
    expect(finding).toEqual({ path: '/marks/note/1', kind: 'email-address' });
  });

  it('finds personal data in object keys without naming the key', () => {
    expect(scanForPersonalData({ marks: { '121212-1212': 'x' } })).toEqual({
      path: '/marks',
      kind: 'personnummer',
    });
  });

  it('finds a personnummer given as a number', () => {
    expect(scanForPersonalData({ age: 1212121212 })).toEqual({ path: '/age', kind: 'personnummer' });
  });
});
