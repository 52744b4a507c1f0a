import { describe, expect, it } from 'vitest';
import { findPersonalDataAcrossNotes } from './find-personal-data.js';
import { NOTE_CORPUS } from './fixtures/note-corpus.js';
import { leadingNumber, tailReadAs, trailingNumber } from './note-look-back.js';

describe('what the guard reads of the earlier notes of a series', () => {
  it('counts characters as the scan reads them: combining marks and invisible characters take no room', () => {
    const marks = '\u0301'.repeat(40);
    expect(tailReadAs(`Mammans pnr 811218\n${marks}`, 32)).toContain('811218');
    expect(tailReadAs('x'.repeat(100), 32)).toBe('x'.repeat(32));
  });

  it('carries the last number, whatever prose follows it, but no date, time range or single digit', () => {
    expect(trailingNumber('pnr 811218, resten i nästa anteckning')).toBe('811218');
    expect(leadingNumber('slutsiffror: -9876 och sen inget')).toBe('9876');
    expect(trailingNumber('Nästa träff 2025-04-02, kl 13.00-14.30')).toBe('');
    expect(trailingNumber('Dosett med 0,5 mg')).toBe('');
  });

  it('finds a number split by prose longer than the tail', () => {
    const previous = `Mammans pnr börjar 811218\n${'(resten kommer i nästa anteckning, hon ville inte säga det högt)'}`;
    expect(findPersonalDataAcrossNotes(previous, 'slutsiffror: -9876')).toBe('personnummer');
    expect(findPersonalDataAcrossNotes(`Ring 070-123\n${'x '.repeat(40)}`, 'sen 45 67')).toBe('phone-number');
  });

  it('refuses no pair of ordinary notes written one after the other', () => {
    const refused = NOTE_CORPUS.flatMap((previous) =>
      NOTE_CORPUS.filter((next) => findPersonalDataAcrossNotes(previous, next) !== undefined).map((next) => [
        previous,
        next,
      ]),
    );
    expect(refused).toEqual([]);
  });
});
