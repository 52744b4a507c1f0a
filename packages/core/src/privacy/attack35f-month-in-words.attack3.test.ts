// Attack 35 (f), a third attacker, on the rule that closed finding 11 in stop 45
// (`birth-date-in-words.ts`): a birth date written out — the month in words, or day and month as
// numbers before a year — beside the last four digits in a text that names the number ("Född 18
// december 1981, sista fyra 9876"). Played against the rule by its author: every spelling a note
// uses is refused; the price (no cue word, a check digit that fails, a time or a count after a
// month) passes, each test shown to fail under the weakening named in its comment (each tried);
// the scan stays linear; and a date written out costs what the same date in digits costs.
// Numbers are made up: 811218-9876 and the samordningsnummer 811278-9873 hold the check digit.
import { describe, expect, it } from 'vitest';
import { findPersonalData, findPersonalDataAcrossNotes } from './find-personal-data.js';
import { type Draw, refusalRate } from './fixtures/generated-notes.js';
import { scanTimeRatio } from './fixtures/scan-time.js';
import { passesLuhn } from './luhn.js';

/** Texts the guard does not refuse as `kind` (all of them: refused as that kind). */
const notRefusedAs = (kind: string, texts: readonly string[]): string[] =>
  texts.filter((text) => findPersonalData(text) !== kind);
const refused = (texts: readonly string[]): string[] =>
  texts.filter((text) => findPersonalData(text) !== undefined);

/** The four digits, `serial` and its check digit, that make `date` (`YYMMDD`) an identity number. */
function lastFour(date: string, serial: string): string {
  for (let digit = 0; digit <= 9; digit += 1)
    if (passesLuhn(`${date}${serial}${digit}`)) return `${serial}${digit}`;
  throw new Error(`no check digit for ${date}${serial}`);
}

/** 18 December 1981 as notes write it out. */
const DECEMBER_18_1981: readonly string[] = [
  // The month in words, day first (Swedish, British).
  '18 december 1981',
  '18 dec 1981',
  '18 dec. 1981',
  '18 DECEMBER 1981',
  '18 Dec 1981',
  '18:e december 1981',
  '18e dec -81',
  'den 18 december -81',
  '18 december 81',
  "18 dec '81",
  '18 dec.-81',
  '18. december 1981',
  '18 december, 1981',
  'den 18 december år 1981',
  '18-dec-1981',
  '18th December 1981',
  'the 18th of December, 1981',
  // English, month first.
  'December 18, 1981',
  'Dec 18 1981',
  'Dec. 18th, 1981',
  'December 18,1981',
  // Day and month as numbers before a year.
  '18/12 -81',
  '18/12-81',
  "18/12 '81",
  '18/12/81',
  '18/12/1981',
  '18/12-1981',
  '18/12 1981',
  '18.12.1981',
  '18.12.81',
  '18.12 1981',
  '18-12-1981',
  // US order, where the second number can be no month.
  '12/18/1981',
  '12/18/81',
];

/** The cue words around a date and the last four, Swedish and English. */
const WITH_CUE: readonly ((date: string, four: string) => string)[] = [
  (date, four) => `Född ${date}, sista fyra ${four}`,
  (date, four) => `Pnr ${date}, slutar på ${four}`,
  (date, four) => `Personnummer: född ${date}, de fyra sista ${four}.`,
  (date, four) => `SSN ${date}, ends ${four}`,
  (date, four) => `DOB ${date}, last 4: ${four}`,
];

const SWEDISH_MONTHS = [
  ['januari', 'jan'],
  ['februari', 'feb'],
  ['mars', 'mar'],
  ['april', 'apr'],
  ['maj'],
  ['juni', 'jun'],
  ['juli', 'jul'],
  ['augusti', 'aug'],
  ['september', 'sep', 'sept'],
  ['oktober', 'okt'],
  ['november', 'nov'],
  ['december', 'dec'],
] as const;
const ENGLISH_MONTHS = [
  ['January', 'Jan'],
  ['February', 'Feb'],
  ['March', 'Mar'],
  ['April', 'Apr'],
  ['May'],
  ['June', 'Jun'],
  ['July', 'Jul'],
  ['August', 'Aug'],
  ['September', 'Sep', 'Sept'],
  ['October', 'Oct'],
  ['November', 'Nov'],
  ['December', 'Dec'],
] as const;
const two = (value: number): string => String(value).padStart(2, '0');

// Written-out dates of January 2025 whose check-digit remainders (4, 6, 0) no group below
// completes (their sums are 8, 3, 2, 5, 7, 1): a text of them is scanned to its end.
const WRITTEN_DATES = [
  '4 januari 2025',
  '6 jan. 2025',
  '12 januari -25',
  '14/1 2025',
  '18.1.25',
  'January 20, 2025',
  '22:a januari 2025',
  '26 Jan 2025',
];
const GROUPS = ['1030', '1100', '1315', '2040', '0930', '1450', '1605', '4650', '9010', '3340'];
const cycle = (items: readonly string[], at: number): string => items[at % items.length] ?? '';
const repeatTo = (unit: (at: number) => string, length: number): string => {
  let text = '';
  for (let at = 0; text.length < length; at += 1) text += unit(at);
  return text.slice(0, length);
};
const WRITTEN_DATE_SHAPES: Readonly<Record<string, (length: number) => string>> = {
  'pnr, a date written out and a group, repeated': (length) =>
    repeatTo((at) => `pnr ${cycle(WRITTEN_DATES, at)}, rum ${cycle(GROUPS, at)}. `, length),
  // Every date first, every group after: a scan that paired them would pair n/2 × n/2.
  'all dates written out, then all groups': (length) =>
    `Personnummer saknas. ${repeatTo((at) => `möte ${cycle(WRITTEN_DATES, at)}, `, length / 2)}${repeatTo(
      (at) => `rum ${cycle(GROUPS, at)}, `,
      length / 2,
    )}`.slice(0, length),
  // Half dates: a day and a month that a year never follows, every one a partial match.
  'cue words, month names and half dates everywhere': (length) =>
    repeatTo(
      (at) =>
        `personnummer sista fyra 18 december 18:e dec. Dec 18, 18/12 18.12 SSN last 4 ${cycle(GROUPS, at)}; `,
      length,
    ),
  // Cyrillic е in the month names: each note is read through its look-alikes.
  'look-alike month names': (length) =>
    repeatTo(
      (at) => `pnr ${cycle(WRITTEN_DATES, at).replace(/e/g, '\u0435')} d\u0435c ${cycle(GROUPS, at)}. `,
      length,
    ),
};

describe('attack 35 (f), third attacker: a birth date written out', () => {
  // Weakening: drop `datesWrittenOut` from `dates` (identity-number-split-by-prose.ts) — every
  // text below but those a digit-run date also reads (`18/12/81`, `18.12.81`) fails.
  it('refuses 18 December 1981 written out in every spelling, with every cue word', () => {
    const texts = DECEMBER_18_1981.flatMap((date) => WITH_CUE.map((note) => note(date, '9876')));
    expect(notRefusedAs('personnummer', texts)).toEqual([]);
  });

  // Weakening: drop a month from MONTH_NUMBERS (birth-date-in-words.ts) — its names fail.
  it('reads every month name and abbreviation, Swedish and English', () => {
    const texts = [...SWEDISH_MONTHS, ...ENGLISH_MONTHS].flatMap((names, index) =>
      names.map(
        (name) => `Pnr 7 ${name} 1981, sista fyra ${lastFour(`81${two((index % 12) + 1)}07`, '123')}`,
      ),
    );
    expect(texts).toHaveLength(48);
    expect(notRefusedAs('personnummer', texts)).toEqual([]);
  });

  it('refuses a samordningsnummer (the day plus 60) written out', () => {
    const texts = ['78 december 1981', '78 dec -81', '78/12 -81', '78.12.1981', 'December 78, 1981'].map(
      (date) => `Samordningsnummer ${date}, sista fyra 9873`,
    );
    expect(notRefusedAs('samordningsnummer', texts)).toEqual([]);
  });

  // Weakening: read `text` itself instead of `asLatinInPlace(text)` in `datesWrittenOut` — the
  // Cyrillic, Greek and accented month names fail (the scan drops combining marks, invisible
  // characters and folds fullwidth letters before the rule reads the text).
  it('reads the month name through look-alike letters, accents, invisible characters and other spaces', () => {
    expect(
      notRefusedAs('personnummer', [
        'Född 18 d\u0435c\u0435mber 1981, sista fyra 9876', // Cyrillic е
        'Född 18 D\u0395C 1981, sista fyra 9876', // Greek Ε
        'Född 18 d\u00e9cember 1981, sista fyra 9876', // é
        'Född 18 de\u0301cember 1981, sista fyra 9876', // e and a combining accent
        'Född 18 \uff44\uff45\uff43 1981, sista fyra 9876', // fullwidth
        'Född 18 dec\u200bember 1981, sista fyra 9876',
        'Född 18 dec\u00adember 1981, sista fyra 9876',
        'Född 18\u00a0december\u00a01981, sista fyra 9876',
        'Född 18\ndecember\n1981, sista fyra 9876',
        'Född arton december åttioett, sista fyra 9876', // number words, read as digits by the scan
      ]),
    ).toEqual([]);
  });

  // Weakening: `FOUR.lastIndex` left where the match inside the date ended (`fours`) — the fours in
  // pairs right after a two-digit year fail ("81 98" is read inside the date, and "76" is left).
  it('refuses the four before the date, in pairs right after it, and across two notes', () => {
    expect(
      notRefusedAs('personnummer', [
        'Sista fyra 9876, född 18 december 1981',
        'Pnr 18 dec 81 98-76',
        'Pnr 18 december -81 98-76',
      ]),
    ).toEqual([]);
    expect(findPersonalDataAcrossNotes('Mammans pnr: född 18 december 1981.', 'Sista fyra 9876.')).toBe(
      'personnummer',
    );
    expect(findPersonalDataAcrossNotes('Född 18/12 -81.', 'SSN last 4: 9876')).toBe('personnummer');
  });

  // The price. Weakening: drop the cue gate (`if (false) return undefined` in
  // `findIdentityNumberSplitByProse`) — every text fails.
  it('joins nothing without a cue word', () => {
    expect(
      refused([
        'Möte 18 december 1981 i rum 9876',
        'Född 18/12 -81, rum 9876.',
        'Meeting on December 18, 1981, room 9876.',
        'Hembesök 18 dec -81, därefter rum 9876.',
        'Beslut 18.12.1981, diarienummer 9876.',
      ]),
    ).toEqual([]);
  });

  // Weakening: keep every remainder (`byRemainder.fill(kind)` for each date) — every text fails.
  it('joins nothing whose check digit fails', () => {
    expect(
      refused([
        'Född 18 december 1981, sista fyra 9877',
        'Pnr 18/12 -81, sista fyra 9870',
        'SSN December 18, 1981, last 4 9875',
        'Samordningsnummer 78 december 1981, sista fyra 9874',
      ]),
    ).toEqual([]);
  });

  // Each text holds the four that would complete a misreading of a time or a count as a year.
  // Weakenings in birth-date-in-words.ts, each failing its text: YEAR's lookahead without
  // `[-.:,/]\d` (the first: "10.30" read as the year 10); the space before a numeric year without
  // `(?=${CENTURY_YEAR})` (the second); AFTER_MONTH as `[ ,/-]{0,2}` (the third); a dash-year after
  // a dot too, `[./]\d{1,2} ?(?=${DASH_OR_APOSTROPHE})` (the fourth: "9.10-10" read as 9/10 -10).
  it('reads no time of day or count after a date as its year', () => {
    expect(
      refused([
        `Pnr saknas. Möte 18 december 10.30, rum ${lastFour('101218', '103')}.`,
        `Pnr saknas. Möte 18/12 12 deltagare, rum ${lastFour('121218', '103')}.`,
        `Pnr saknas. Möte 18 december, 12 deltagare, rum ${lastFour('121218', '103')}.`,
        `Pnr saknas. Möte 18/12 kl 9.10-10, rum ${lastFour('101009', '103')}.`,
      ]),
    ).toEqual([]);
  });

  // The digits of a date written out are the date's: its year is no four digits. Before stop 45 the
  // year was a four, so this note (250314 and 2024 hold the check digit) was refused. Weakening:
  // spans of dates written out made empty (`end: match.index` in `datesWrittenOut`) — it fails.
  it('reads no year of a date written out as the last four of another date', () => {
    expect(refused(['Pnr saknas. Möte 250314; beslut 3 mars 2024.'])).toEqual([]);
  });

  // Weakening: each date tried with every four (a pairing loop before the remainder lookup in
  // `findIdentityNumberSplitByProse`) — every shape here fails, the first two worst (n/2 × n/2).
  // The bound is the other files' (10).
  it.each(Object.entries(WRITTEN_DATE_SHAPES))(
    '%s: four times the text takes less than ten times as long',
    (_shape, make) => {
      const [small, large] = [make(4_096), make(16_384)];
      expect(findPersonalData(large)).toBeUndefined(); // scanned to its end
      expect(scanTimeRatio(small, large)).toBeLessThan(10);
    },
  );

  // The price, measured (500 generated notes each: a cue, a date with a year, a room number after
  // it). A date written out is refused exactly as often as the same date in digits — the same ten
  // digits, the same check digit: measured 10.4 % (52 of 500) for every form here and for the
  // digits, one pair's one in ten, as `attack35f-split-by-prose.attack2.test.ts` measures. Before
  // stop 45 these notes passed (the date was not read): that is the rule's price, no more than for
  // digits. Notes without a year or without a cue word: 0 %, as before. Weakenings: drop the cue
  // gate, or a month name — this test fails.
  it('false refusals: a date written out costs what the same date in digits costs', () => {
    const note =
      (format: (year: number, month: number, day: number) => string) =>
      (int: Draw): string => {
        const [year, month, day, room] = [int(20, 26), int(1, 12), int(1, 28), int(1000, 9999)];
        return `Personnummer saknas i ansökan. Möte ${format(year, month, day)}, rum ${room}.`;
      };
    const inDigits = refusalRate(note((year, month, day) => `${year}${two(month)}${two(day)}`));
    const writtenOut = [
      (year: number, month: number, day: number) => `${day} ${SWEDISH_MONTHS[month - 1]?.[0]} 20${year}`,
      (year: number, month: number, day: number) =>
        `den ${day}:e ${SWEDISH_MONTHS[month - 1]?.at(-1)} -${year}`,
      (year: number, month: number, day: number) => `${ENGLISH_MONTHS[month - 1]?.[0]} ${day}, 20${year}`,
      (year: number, month: number, day: number) => `${day}/${month} -${year}`,
      (year: number, month: number, day: number) => `${two(day)}.${two(month)}.20${year}`,
    ].map((format) => refusalRate(note(format)));
    expect(inDigits).toBeGreaterThan(0.06);
    expect(inDigits).toBeLessThan(0.14);
    for (const rate of writtenOut) expect(rate).toBe(inDigits);

    const withoutYear = refusalRate(
      (int) =>
        `Pnr saknas. Möte den ${int(1, 28)}:e ${SWEDISH_MONTHS[int(0, 11)]?.[0]} kl 10.30, rum ${int(1000, 9999)}.`,
    );
    const withoutCue = refusalRate(
      (int) =>
        `Möte ${int(1, 28)} ${SWEDISH_MONTHS[int(0, 11)]?.[0]} 20${int(20, 26)}, rum ${int(1000, 9999)}.`,
    );
    expect({ withoutYear, withoutCue }).toEqual({ withoutYear: 0, withoutCue: 0 });
  });
});
