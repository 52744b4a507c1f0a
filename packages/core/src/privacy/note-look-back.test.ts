import { describe, expect, it } from 'vitest';
import { findPersonalDataAcrossNotes } from './find-personal-data.js';
import { NOTE_CORPUS } from './fixtures/note-corpus.js';
import { readLength, tailReadAs } from './note-look-back.js';

describe('what the guard reads of the earlier notes of a series', () => {
  it('counts characters as the scan reads them: combining marks and invisible characters take no room', () => {
    const marks = '\u0301'.repeat(40);
    expect(tailReadAs(`Mammans pnr 811218\n${marks}`, 32)).toContain('811218');
    expect(tailReadAs('x'.repeat(100), 32)).toBe('x'.repeat(32));
    expect(readLength(marks)).toBe(0);
  });

  it('finds a number split over notes within the look-back', () => {
    expect(findPersonalDataAcrossNotes('Mammans pnr 811218', '-9876')).toBe('personnummer');
    expect(findPersonalDataAcrossNotes('Ring 070-123', '45 67 efter lunch')).toBe('phone-number');
  });

  it('does not join a number with one in a later note past the look-back (a documented limit)', () => {
    // A compact date ending one note and a clock time starting the next pass the check digit
    // about one time in ten: joining numbers over any prose refused ordinary notes.
    expect(
      findPersonalDataAcrossNotes(
        'Hembesök bokat till 250102, båda föräldrarna kommer.',
        'Ringde förskolan kl 1030 om hämtningen.',
      ),
    ).toBeUndefined();
    expect(
      findPersonalDataAcrossNotes('Nästa möte 250101.', 'Kl 0900 kommer mamman med båda barnen.'),
    ).toBeUndefined();
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
