// Attack 35 (f), a second attacker on b9771c6 (`identity-number-split-by-prose.ts`): a
// personnummer split by prose in a text that names it ("pnr 811218, sista fyra 9876").
// Numbers are made up: 811218-9876 and the samordningsnummer 811278-9873 hold the check digit.
//
// Tests named "FINDING" failed on b9771c6: each text passed the guard though a reader reads a
// personnummer in it at once. Fixed since (stop 44: the cue words as notes spell them, dates and
// fours as notes group them, in either order, every date kept by its check-digit remainder, and a
// cue in an earlier note read across notes, cue words read through look-alike letters and
// accents): findings 1–8, 9 (its first case) and 10; stop 45: 11, a birth date written out, the
// month in words or day first (`birth-date-in-words.ts`, attacked in
// `attack35f-month-in-words.attack3.test.ts`). Still OPEN, as `it.fails` (a test that passes once
// it is closed fails here, to be turned back): a date pushed out of the 32-character window by a
// note between (9, second case). The other tests hold (each was shown to fail under a weakening
// of the rule, named in its comment).
import { describe, expect, it } from 'vitest';
import { findPersonalData, findPersonalDataAcrossNotes } from './find-personal-data.js';
import { type Draw, refusalRate } from './fixtures/generated-notes.js';
import { scanTimeRatio } from './fixtures/scan-time.js';

const refused = (texts: readonly string[]): string[] =>
  texts.filter((text) => findPersonalData(text) !== undefined);
const passed = (texts: readonly string[]): string[] =>
  texts.filter((text) => findPersonalData(text) === undefined);

const two = (value: number): string => String(value).padStart(2, '0');

const date = (int: Draw): string => `${two(int(20, 26))}${two(int(1, 12))}${two(int(1, 28))}`;
const clock = (int: Draw): string => `${two(int(8, 16))}${two(15 * int(0, 3))}`;

// Dates and four- and five-digit groups no pair of which spells an identity number whose check
// digit holds: a text of them is scanned to its end (nothing refused early).
const DATES = ['250104', '250106', '250112', '250114', '250118', '250120', '250122', '250126'];
const GROUPS = [
  '1030',
  '1100',
  '1315',
  '2040',
  '0930',
  '1450',
  '1605',
  '4650',
  '9010',
  '3340',
  '12500',
  '10300',
];
const cycle = (items: readonly string[], at: number): string => items[at % items.length] ?? '';
const repeatTo = (unit: (at: number) => string, length: number): string => {
  let text = '';
  for (let at = 0; text.length < length; at += 1) text += unit(at);
  return text.slice(0, length);
};
const CUE_SHAPES: Readonly<Record<string, (length: number) => string>> = {
  'pnr, a date and a group, repeated': (length) =>
    repeatTo((at) => `pnr ${cycle(DATES, at)}, rum ${cycle(GROUPS, at)}. `, length),
  // Every date first, every group after: a scan that kept all dates would pair n/2 × n/2.
  'all dates, then all groups': (length) =>
    `Personnummer saknas. ${repeatTo((at) => `möte ${cycle(DATES, at)}, `, length / 2)}${repeatTo(
      (at) => `rum ${cycle(GROUPS, at)}, `,
      length / 2,
    )}`.slice(0, length),
  'the cue at the very end': (length) =>
    `${repeatTo((at) => `möte ${cycle(DATES, at)}, rum ${cycle(GROUPS, at)}. `, length - 4)} pnr`,
  'cue words everywhere': (length) =>
    repeatTo((at) => `personnummer sista fyra pnr ${cycle(DATES, at)} p-nr ${cycle(GROUPS, at)}; `, length),
};

describe('attack 35 (f), second attacker: a personnummer split by prose', () => {
  // Weakening: `if (!CUE.test(text)) return undefined;` (the written form not read) — the first
  // text fails; make CUE's `p-?nr` `pnr` — the second.
  it('reads the cue through invisible characters, soft hyphens, other dashes, fullwidth letters and case', () => {
    expect(
      passed([
        'Född 811218, sista fyra 9876', // the cue only as written: the scan reads `sista 4`
        'p\u2010nr 811218, slutar på 9876',
        'p\u200bnr 811218, slutar på 9876',
        'p\u00adnr 811218, slutar på 9876',
        '\uff50\uff4e\uff52 811218, slutar på 9876',
        'PNR 811218, slutar på 9876',
      ]),
    ).toEqual([]);
  });

  // Weakening: CUE with `person(?:nummer|numret)` only (no `nr`), or without `pers\.? ?nr`.
  it('reads the written abbreviations the rule names: pers.nr, Pers. nr, persnr, personnr, p-nr, idnummer, last four', () => {
    expect(
      passed([
        'pers.nr 811218 slut 9876',
        'Pers. nr 811218 slut 9876',
        'Persnr 811218 slut 9876',
        'Personnr 811218 slut 9876',
        'P-nr 811218 slut 9876',
        'idnummer 811218 slut 9876',
        'DOB 811218, last four digits 9876',
        'Personal number 811218, ends 9876',
      ]),
    ).toEqual([]);
  });

  // Weakening: `const fours = run.length === 4 ? [run] : []` — the run-of-five texts (and the
  // number words read as 4 9876) fail.
  it('reads the four digits in other digit systems, circled digits, number words and a run of five', () => {
    expect(
      passed([
        'Personnummer 811218, slutar på \uff19\uff18\uff17\uff16',
        'Personnummer 811218, slutar på \u0669\u0668\u0667\u0666',
        'pnr 811218, sista fyra \u2468\u2467\u2466\u2465',
        'Personnummer 811218, slutar på nio åtta sju sex',
        'pnr 811218, sista fyra nittioåtta sjuttiosex',
        'Pnr 811218, slutar på 98765',
        'Pnr 811218, slutar på 19876',
      ]),
    ).toEqual([]);
  });

  it('reads a 12-digit form, a samordningsnummer, and a date in number words', () => {
    expect(findPersonalData('Pnr 19811218, slutar på 9876')).toBe('personnummer');
    expect(findPersonalData('Samordningsnummer 811278, slutar på 9873')).toBe('samordningsnummer');
    expect(findPersonalData('Pnr 811278, slutar på 9873')).toBe('samordningsnummer');
    expect(findPersonalData('pnr åttioett tolv arton, sista fyra 9876')).toBeDefined();
  });

  // Weakening: DATES_KEPT = 1 — the date eight dates back is forgotten.
  it('keeps seven dates between the date and the four digits', () => {
    const between = DATES.slice(0, 7).join(', '); // seven dates none of which pairs with 9876
    expect(findPersonalData(`Pnr 811218. Möten ${between}. Sista fyra 9876.`)).toBe('personnummer');
  });

  // Weakening: make CUE never match (`/(?!)/`) — these and every text above pass.
  it('joins across two notes when the cue and the date lie in the 32-character window', () => {
    expect(findPersonalDataAcrossNotes('Personnummer: 811218', 'Slutsiffror 9876')).toBeDefined();
    expect(
      findPersonalDataAcrossNotes(
        'Mamma uppgav sitt personnummer, det börjar med 811218',
        'Sista fyra 9876.',
      ),
    ).toBeDefined();
  });

  // Weakening: drop the cue gate (`if (false) return undefined`) — the notes without a cue fail.
  it('joins nothing in ordinary notes without a cue, nor a pair whose check digit fails', () => {
    expect(
      refused([
        'Möte 811218, rum 9876.',
        'Sista mötet 811218, rum 9876.',
        'Hembesök 250110 kl 0930, nästa 250117 kl 1030.',
        'Född 2019, skola sedan 250110 i rum 9876.',
        'Pnr saknas, möte 250314 rum 1030.',
      ]),
    ).toEqual([]);
  });

  // The price, measured. One date and one four-digit group after it: one note in ten (the check
  // digit's chance), as the designers say. Weakening: drop `spellsIdentityNumber` for
  // `kindOfDigits` alone — every note is refused.
  it('false refusals: one date and one group after it are refused about one time in ten', () => {
    const rooms = refusalRate((int) => `Pnr saknas, möte ${date(int)} rum ${int(1000, 9999)}.`);
    const times = refusalRate((int) => `Pnr saknas, möte ${date(int)} kl ${clock(int)}.`);
    expect(rooms).toBeGreaterThan(0.06);
    expect(rooms).toBeLessThan(0.14);
    expect(times).toBeGreaterThan(0.05);
    expect(times).toBeLessThan(0.14);
  });

  // The claim holds per pair only. A realistic note with a cue holds two pairs (a date and a time
  // and a room; two dates and a time; a time and a later year; a five-digit amount, read twice):
  // measured 15–20 % of such notes refused (≈ 1 − 0.9², 500 notes each), twice "one in ten".
  // Held to at most the pairs' chance, so the rule costs no more than its check digit.
  it('false refusals: realistic notes with a cue and two pairs are refused about one time in five', () => {
    const templates: readonly ((int: Draw) => string)[] = [
      (int) => `Personnummer saknas i ansökan. Möte ${date(int)} kl ${clock(int)}, rum ${int(1000, 9999)}.`,
      (int) =>
        `Klienten har samordningsnummer. Hembesök ${date(int)}, nästa gång ${date(int)} kl ${clock(int)}.`,
      (int) => `Pnr ej registrerat. Beviljat ${date(int)}: bistånd ${int(10000, 25000)} kr.`,
      (int) => `Pnr finns i akten. Samtal ${date(int)} kl ${clock(int)}, uppföljning under 20${int(24, 26)}.`,
    ];
    const rates = templates.map((template) => refusalRate(template));
    for (const rate of rates) {
      expect(rate).toBeGreaterThan(0.1);
      expect(rate).toBeLessThan(0.26); // 1 − 0.9² = 0.19, with room for 500 notes' noise
    }
  });

  // Weakening: drop `if (dates.length > DATES_KEPT) dates.shift();` — 'all dates, then all
  // groups' grows quadratically (ratio ≈ 16) and fails.
  it.each(Object.entries(CUE_SHAPES))(
    '%s: four times the text takes less than ten times as long',
    (_shape, make) => {
      const [small, large] = [make(4_096), make(16_384)];
      expect(findPersonalData(large)).toBeUndefined(); // scanned to its end
      expect(scanTimeRatio(small, large)).toBeLessThan(10);
    },
  );

  // ---------------------------------------------------------------------------------------------
  // FINDINGS: each text passes on b9771c6; a reader reads 811218-9876 (or 811278-9873) at once.
  // ---------------------------------------------------------------------------------------------

  // FINDING 1: the date written with separators. Only a run of 6 or 8 digits is a date to the rule,
  // while Swedes write a birth date 81-12-18 or 1981-12-18 as often as 811218; the cue is there.
  it('FINDING: a date written with dashes, dots or spaces, before "sista fyra"', () => {
    expect(
      passed([
        'Personnummer 81-12-18, sista fyra 9876',
        'pnr 81.12.18, sista fyra 9876',
        'Pnr 1981-12-18, sista fyra 9876',
        'Född 1981-12-18, sista fyra 9876',
        'Personnumret 81 12 18, slutar på 9876',
        'pnr 1981 12 18, sista fyra 9876',
      ]),
    ).toEqual([]);
  });

  // FINDING 2: the four digits grouped in two ("98 76", as a phone number is read out).
  it('FINDING: the last four digits written in two groups', () => {
    expect(
      passed([
        'pnr 811218, sista fyra 98 76',
        'pnr 811218, sista fyra 98-76',
        'pnr 811218, sista fyra 98.76',
        'pnr 811218, sista fyra 9 8 7 6',
      ]),
    ).toEqual([]);
  });

  // FINDING 3: the four digits before the date (the rule reads a date, then a four).
  it('FINDING: the last four digits written before the date, in a note or across two', () => {
    expect({
      passed: passed([
        'Sista fyra 9876, pnr 811218',
        'De fyra sista siffrorna i personnumret är 9876, födelsedatum 811218',
      ]),
      acrossNotes: findPersonalDataAcrossNotes('Sista fyra 9876.', 'Pnr börjar 811218.'),
    }).toEqual({ passed: [], acrossNotes: 'personnummer' });
  });

  // FINDING 4: the cue as notes spell it. `P.nr`, `P nr`, `ID-nr`, `samordningsnr` are the usual
  // abbreviations; `Samordningsnumret` is the correct definite form (CUE expects `nummret`);
  // `personnumer`/`personummer` the commonest misspellings; `person nummer` a split compound;
  // `personnumren`/`personnumrets` inflections.
  it('FINDING: the cue in common abbreviations, inflections and misspellings', () => {
    expect(
      passed([
        'P.nr 811218, slutar på 9876',
        'P nr 811218, slutar på 9876',
        'P.N.R 811218, slutar på 9876',
        'pers-nr 811218, slutar på 9876',
        'ID-nr 811218, slutar på 9876',
        'ID nr 811218, slutar på 9876',
        'Id nummer 811218, slutar på 9876',
        'Samordningsnumret 811278 slutar på 9873',
        'Samordningsnr 811278 slutar på 9873',
        'Personnumer 811218, slutar på 9876',
        'Personummer 811218, slutar på 9876',
        'Person nummer 811218, slutar på 9876',
        'Personnumren: mamma 811218, slutar på 9876',
        'Personnumrets början 811218, slutet 9876',
      ]),
    ).toEqual([]);
  });

  // FINDING 5: "the last four" with the digit 4, or without the count: the rule knows `sista fyra`
  // only in letters (the scan's form turns `fyra` into 4, and CUE is not read there).
  it('FINDING: "sista 4", "de 4 sista", "sista siffrorna" after a birth date', () => {
    expect(
      passed([
        'Födelsedatum 811218, sista 4: 9876',
        'Född 811218, de 4 sista 9876',
        'Född 811218, 4 sista: 9876',
        'Född 811218, sista siffrorna 9876',
      ]),
    ).toEqual([]);
  });

  // FINDING 6: `sista fyra` read as written only, so anything the scan folds away inside it hides
  // it (in the scan's form it reads `sista 4`): two spaces, a no-break space, a line break, a
  // zero-width space, a combining mark, a Cyrillic а.
  it('FINDING: space, invisible or look-alike characters inside "sista fyra"', () => {
    expect(
      passed([
        'Född 811218, sista  fyra 9876',
        'Född 811218, sista\u00a0fyra 9876',
        'Född 811218, sista\nfyra 9876',
        'Född 811218, sista fy\u200bra 9876',
        'Född 811218, sista fyr\u0308a 9876',
      ]),
    ).toEqual([]);
  });

  // FINDING 7: a look-alike or accented letter in the cue (zero-width characters were read
  // through; a Cyrillic р or а, or an accent NFKC composes, was not). Closed since: cue words are
  // also read with Cyrillic and Greek twins as Latin and accents dropped. Weakening: drop
  // `asLatin` from `namesIdentityNumber` — this test fails.
  it('FINDING: look-alike or accented letters in "pnr", "personnummer" and "fyra"', () => {
    expect(
      passed([
        'Född 811218, sista fyr\u0430 9876',
        '\u0440nr 811218, slutar på 9876',
        'pn\u0301r 811218, slutar på 9876',
        'Pe\u0301rsonnummer 811218, slutar på 9876',
        'P\u0435rsonnummer 811218, slutar på 9876',
      ]),
    ).toEqual([]);
  });

  // FINDING 8: English cues an English-speaking counsellor writes ("civic registration number" is
  // the usual English term in Swedish agencies' forms).
  it('FINDING: English cues: SSN, personal ID number, civic registration number, last 4', () => {
    expect(
      passed([
        'SSN 811218, ends 9876',
        'Social security number 811218, last 4: 9876',
        'Personal ID number 811218, ends with 9876',
        'Civic registration number 811218, ends with 9876',
        'DOB 811218, last 4 digits 9876',
      ]),
    ).toEqual([]);
  });

  // FINDING 9: across notes, the cue or the date just outside the 32-character window. The docs
  // ("What the guard does not read") limit the unread split over notes to "notes that do not name
  // a personal identity number"; these name one.
  it('FINDING: a series whose notes name the number, the cue more than 32 characters back', () => {
    // The cue 45 characters back: the window keeps "nummer, det börjar med 811218".
    expect(
      findPersonalDataAcrossNotes(
        'Mamma uppgav sitt personnummer, det börjar med 811218',
        'och slutar med 9876.',
      ),
    ).toBe('personnummer');
  });

  // OPEN: three notes, a short one between pushes the date itself out of the window. Closing it
  // means reading further back than 32 characters, which joined dates and times of day before.
  it.fails('FINDING (open): a series whose notes name the number, the date more than 32 characters back', () => {
    expect(
      findPersonalDataAcrossNotes(
        'Mammans pnr börjar 811218.\nHon ringer tillbaka i morgon om hyran och skolan.',
        'Sista fyra 9876.',
      ),
    ).toBe('personnummer');
  });

  // FINDING 10: eight more dates between the parts: DATES_KEPT (8) counts the identity number's own
  // date, which the eighth date after it pushes out.
  it('FINDING: eight dates between the date and the four digits', () => {
    const between = DATES.join(', ');
    expect(findPersonalData(`Pnr 811218. Möten ${between}. Sista fyra 9876.`)).toBe('personnummer');
  });

  // FINDING 11: the birth date with the month in words, and the last four named: every Swede
  // composes 811218-9876 from it. Was open (`it.fails`), closed in stop 45: month names and
  // `18/12 -81` are read as dates (`birth-date-in-words.ts`). Weakening: drop `datesWrittenOut`
  // from `dates` — this test fails.
  it('FINDING: a birth date with the month in words and "sista fyra"', () => {
    expect(passed(['Född 18 december 1981, sista fyra 9876', 'Född 18/12 -81, sista fyra 9876'])).toEqual([]);
  });
});
