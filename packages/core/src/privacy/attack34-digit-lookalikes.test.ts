// Attack 34 — letters written for digits. A counsellor (or anyone typing into a note or a free
// field) who knows the guard reads digits writes the number with look-alike letters: `l`, `I` or
// `|` for 1, `O` or `o` for 0 — the oldest obfuscation there is, and one a reader undoes at a
// glance. Before `digit-lookalikes.ts` every case below passed the guard (and would have been
// stored): a probe of 40 obfuscations found this the one class of readable number it missed.
// Weak version: drop the look-alike form from `scanForms` (normalise-text.ts), or the look-alike
// count from `mightHoldPersonalData` — the first test fails.
import { describe, expect, it } from 'vitest';
import { findPersonalData } from './find-personal-data.js';
import { NOTE_CORPUS } from './fixtures/note-corpus.js';
import { passesLuhn } from './luhn.js';
import { scanForPersonalData } from './personal-data-guard.js';

/** A personnummer born on one of these days whose check digit holds (the last four digits searched). */
function personnummer(last: (digits: string) => boolean): string {
  for (const born of ['811010', '801011', '911001', '810110', '891010', '811110', '900101', '891101'])
    for (let n = 0; n < 10_000; n += 1) {
      const four = String(n).padStart(4, '0');
      if (last(four) && passesLuhn(`${born}${four}`)) return `${born}-${four}`;
    }
  throw new Error('no such number');
}
const onesAndZeros = personnummer((four) => /^[01]{4}$/.test(four));
const some = personnummer((four) => four.startsWith('1'));
const lookalike = (text: string, one: string, zero: string) => text.replace(/1/g, one).replace(/0/g, zero);

const WRITTEN_WITH_LETTERS: readonly (readonly [string, string])[] = [
  [lookalike(some, 'l', 'O'), 'personnummer'],
  [lookalike(some, 'I', 'o'), 'personnummer'],
  [lookalike(some, '|', 'O'), 'personnummer'],
  [`19${lookalike(some, 'l', 'O')}`, 'personnummer'],
  [lookalike(onesAndZeros, 'l', 'O'), 'personnummer'], // its last group letters only
  [`${lookalike(some, 'l', 'O').replace('-', ' - ')}`, 'personnummer'],
  [lookalike(some, 'l', 'O').replace(/[lO]/g, (letter) => (letter === 'l' ? 'ｌ' : 'Ｏ')), 'personnummer'], // fullwidth (NFKC)
  [lookalike(some, 'l', 'O').split('').join(' '), 'personnummer'], // spaced: single letters
  ['O7O-l23 45 67', 'phone-number'],
  ['O 7 O - l 2 3  4 5  6 7', 'phone-number'],
  ['+46 7O l23 45 67', 'phone-number'],
];

describe('attack 34: numbers written with letters for digits', () => {
  it.each(WRITTEN_WITH_LETTERS)('%j is found as a %s, in a note too', (text, kind) => {
    expect(findPersonalData(text)).toBe(kind);
    expect(scanForPersonalData({ text: `Samtal om sömn. ${text} Uppföljning v. 14.` })).toEqual({
      path: '/text',
      kind,
    });
  });

  it('reads no letter as a digit in prose: the corpus, and words of those letters beside small numbers', () => {
    const prose = [
      ...NOTE_CORPUS,
      'Ollie och Isolde kom 10.15, lol. Allt gick bra.',
      'Köp 5 l mjölk och 2 dl grädde till fredag 12/4.',
      'Rum 1O1 var låst; vi tog rum 2O4 i stället.',
      'IO-team möte 14:00, sedan Lollo kl 15.',
      'Hon sa "ooo" och "lll" och skrattade, 3 gånger.',
      'Vecka 10 11 12 13 14: samtal varje onsdag.',
    ];
    expect(prose.filter((sentence) => findPersonalData(sentence) !== undefined)).toEqual([]);
  });
});
