// Attack 35 (f), a fourth attacker (fresh, not the rule's author), on 84eaf6e: the split-by-prose
// rule with birth dates written out (`identity-number-split-by-prose.ts`, `birth-date-in-words.ts`).
// Played as a counsellor writing fast and as someone evading on purpose, against what the first
// three attackers left untried: the canonical `18 dec 1981-9876` shape, the last four in pairs
// right after the year, other groupings of the four (`9-8-7-6`, `98/76`), the cue words notes use
// for the last four (`slutsiffrorna`, `kontrollsiffrorna`), other apostrophes before the year
// (`` `81 ``, `ʹ81`), a comma before a two-digit year, `18/12 81`, ordinals with an apostrophe
// (`18'e`), `febr.`, look-alike letters the twins table lacks (Cyrillic `Ј`, `к`, `м`; Latin `ɑ`,
// `ɡ`, `ı`; small capitals; Armenian, Lisu, Cherokee), English and US forms (`Dec 18 '81`,
// `12-18-1981`), a year in words (`nittonåttioett`), dates split over two notes, Unicode spaces,
// invisible characters, NFKC-folded letters; and on the price, the notes a cue word reaches by
// chance (`de sista fyra veckorna`) and days and months followed by a count, a duration or a range
// read as a year (`3 april 40 min`, `14 juni–28 juni`). Timing: shapes of years, apostrophes,
// whitespace after cue words and look-alike month names, none superlinear (measured to 128 k
// characters: four times the text, four times the time).
// Numbers are made up: 811218-9876 holds the check digit; other months' fours are made with Luhn.
//
// Judged out of scope (no test): the documented limits (year first, `18 12 1981`, `decmber`,
// `artonde december`, a date more than 32 characters back); `18.12-81` and `18.12 -81` (a dot
// before a dash-year is a time, `kl 9.10-10`, by design); rare ordinals (`1:sta`, `2:dra`);
// `decembern`/`decembers` (not how dates are written); `~81`.
//
// Tests named "FINDING (open)" are `it.fails`: each asserts the guard's correct behaviour and
// fails on 84eaf6e (a test that passes once its finding is closed fails here, to be turned back).
// The other tests hold on 84eaf6e. Closed in stop 45 (named "FINDING (closed in stop 45)", each
// failed on 84eaf6e): the canonical `18 dec 1981-9876` (a year followed by four digits alone is
// read), `slutsiffror`/`kontrollsiffror` as cue words, `febr.`, and the price of `de sista fyra
// veckorna` (a count is a cue only when no other word follows it). The twins table gained Ј к м п
// ϲ Ϲ ϳ, which reads them in cue words as written; in month names the finding stays open (the
// scan's forms change those letters before the date is read), as do ″ among the apostrophes.
import { describe, expect, it } from 'vitest';
import { findPersonalData, findPersonalDataAcrossNotes } from './find-personal-data.js';
import { type Draw, refusalRate } from './fixtures/generated-notes.js';
import { scanTimeRatio } from './fixtures/scan-time.js';
import { passesLuhn } from './luhn.js';

const passed = (texts: readonly string[]): string[] =>
  texts.filter((text) => findPersonalData(text) === undefined);
const refused = (texts: readonly string[]): string[] =>
  texts.filter((text) => findPersonalData(text) !== undefined);

/** The four digits, `serial` and its check digit, that make `date` (`YYMMDD`) an identity number. */
function lastFour(date: string, serial = '987'): string {
  for (let digit = 0; digit <= 9; digit += 1)
    if (passesLuhn(`${date}${serial}${digit}`)) return `${serial}${digit}`;
  throw new Error(`no check digit for ${date}${serial}`);
}

const two = (value: number): string => String(value).padStart(2, '0');
const MONTH = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];
const month = (int: Draw): string => MONTH[int(0, 11)] ?? 'mars';
/** "Född 18 <month as written> 1981, sista fyra <the four that month's 18th needs>". */
const born18 = (written: string, monthNumber: number): string =>
  `Född 18 ${written} 1981, sista fyra ${lastFour(`81${two(monthNumber)}18`)}`;

const repeatTo = (unit: string, length: number): string =>
  unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

describe('attack 35 (f), fourth attacker: a birth date written out', () => {
  // ---------------------------------------------------------------------------------------------
  // What holds on 84eaf6e (tried, refused).
  // ---------------------------------------------------------------------------------------------

  it('reads the date through glued or dotted months, invisible characters, other spaces, NFKC letters and an acute accent as apostrophe', () => {
    expect(
      passed([
        'Född 18dec81, sista fyra 9876',
        'Född 18dec1981, sista fyra 9876',
        'Född 18.dec.81, sista fyra 9876',
        'Född 18:de dec 1981, sista fyra 9876',
        'Född 18 dec \u00b481, sista fyra 9876', // ´ (NFKC: a space and a mark, dropped)
        'Född 18 dec \uff0781, sista fyra 9876', // fullwidth apostrophe
        'Född 18 dec \u2019 81, sista fyra 9876',
        'Född 1\u200b8 dec 19\u200b81, sista fyra 98\u200b76',
        'Född 18\u2009dec\u20091981, sista fyra 9876',
        'Född 18\u3000dec 1981, sista fyra 9876',
        'Född 18 dec\u00a0-\u00a081, sista fyra 9876',
        'Född 18 \u216eec 1981, sista fyra 9876', // Roman numeral Ⅾ, NFKC D
        'Född 18 \u{1d41d}\u{1d41e}\u{1d41c} 1981, sista fyra 9876', // mathematical bold dec
        'Född \uff11\uff18 \uff44\uff45\uff43 \uff18\uff11, sista fyra 9876',
        'Född 18 december nittonhundraåttioett, sista fyra 9876',
        'Född 18 december nitton åttioett, sista fyra 9876',
        'Född 18 dec 1981, sista fyra nio-åtta-sju-sex',
        'Född 18 dec 1981, sista fyra 98 sjuttiosex',
      ]),
    ).toEqual([]);
  });

  it('reads the four after the year spaced, bracketed by parentheses, with a plus or a spaced dash', () => {
    expect(
      passed([
        'Pnr 18 dec 1981 9876',
        'Pnr 18 dec 1981, 9876',
        'Pnr 18 dec 81+9876',
        'Pnr 18 december 1981 - 9876',
        'Pnr 18 dec 81 \u2013 9876',
        'pnr 18 dec 81 / 9876',
        'Pnr 18 dec 81 (9876)',
        'Pnr 18 dec 1981 98-76',
        'Pnr 18 dec 81, 98 76',
      ]),
    ).toEqual([]);
  });

  it('joins a date written out and split over two notes, or ending one note with the four in the next', () => {
    expect(findPersonalDataAcrossNotes('Pnr: född 18 dec', '-81, sista fyra 9876')).toBeDefined();
    expect(findPersonalDataAcrossNotes('Pnr: född 18', 'december 1981, sista fyra 9876')).toBeDefined();
    expect(findPersonalDataAcrossNotes('Mammans pnr 18 dec 1981-', '9876')).toBeDefined();
    expect(findPersonalDataAcrossNotes('Mammans pnr 18 dec 1981', '-9876')).toBeDefined();
    expect(findPersonalDataAcrossNotes('Pnr sista fyra 9876', 'född 18 dec -81')).toBeDefined();
  });

  // Shapes aimed at the new patterns: a year before a dash (YEAR's lookahead), apostrophes before
  // digits (joinNumberGroups makes ` '` a dash), a cue word before long whitespace (the written text
  // is read too, unfolded), Cyrillic month names (asLatinInPlace per character).
  const SHAPES: Readonly<Record<string, (length: number) => string>> = {
    'dates written out, each year before a dash': (length) => `pnr ${repeatTo('18 dec 1981-', length - 4)}`,
    'apostrophes before two-digit years': (length) => `pnr ${repeatTo("18 dec '", length - 4)}`,
    'cue words before long runs of tabs and spaces': (length) =>
      repeatTo(`sista${' \t'.repeat(20)}x personal${'\t'.repeat(20)}y `, length),
    'Cyrillic month names and one-digit days': (length) =>
      `pnr ${repeatTo('1 \u0455\u0435\u0440 18 ', length - 4)}`,
  };
  it.each(Object.entries(SHAPES))(
    '%s: four times the text takes less than ten times as long',
    (_shape, make) => {
      const [small, large] = [make(4_096), make(16_384)];
      expect(findPersonalData(large)).toBeUndefined(); // scanned to its end
      expect(scanTimeRatio(small, large)).toBeLessThan(10);
    },
  );

  // ---------------------------------------------------------------------------------------------
  // EVASIONS, open on 84eaf6e, most used first.
  // ---------------------------------------------------------------------------------------------

  // The personnummer's own shape, the month in words: `18 dec 1981-9876` is `19811218-9876` to
  // every reader, and `Pnr` names it. YEAR's lookahead `(?!\d|[-.:,/]\d)` (meant for `3 mars
  // 10.30`, `18/12 14-16`) refuses a year followed by a dash and digits, so the date is not read;
  // a gap the scan turns into a dash (`81 [9876]`, `81 #9876`) hides it the same way.
  it('FINDING (closed in stop 45): the canonical shape with the month in words, 18 dec 1981-9876', () => {
    expect(
      passed([
        'Pnr 18 dec 1981-9876',
        'Pnr 18 dec 81-9876',
        'Pnr 18 dec -81-9876',
        'Pnr 18-dec-81-9876',
        'Pnr 18dec81-9876',
        'Pnr December 18, 1981-9876',
        'Pnr 18.12.1981-9876',
        'Pnr 18/12 1981-9876',
        'Pnr 18 dec 1981/9876',
        'Pnr 18 dec 1981.9876',
        'Pnr 18 dec 81 [9876]',
        'Pnr 18 dec 81 #9876',
      ]),
    ).toEqual([]);
  });

  // The four in pairs right after the year, as a number is read out: `18 dec 81 98 76`. The
  // digit-run DATE pattern reads `81 98 76` (and `1981 98 76`) as a date in spaced groups — no
  // date at all, month 98 — and `fours` skips every four inside a date's span, so `98 76` is
  // never tried. Across two notes the same.
  it.fails('FINDING (open): the last four in pairs right after the year, 18 dec 81 98 76', () => {
    expect({
      passed: passed([
        'Pnr 18 dec 81 98 76',
        'Pnr 18 dec -81 98 76',
        'Personnummer 18 december 1981 98 76',
        'Pnr: 18 dec 81 98 76.',
        'Född 18 dec 81 98 76 (pnr)',
      ]),
      acrossNotes: findPersonalDataAcrossNotes('Mammans pnr 18 dec 1981', '98 76'),
    }).toEqual({ passed: [], acrossNotes: 'personnummer' });
  });

  // "Slutsiffrorna" and "kontrollsiffrorna" are what counsellors (and Skatteverket's own forms,
  // loosely) call the last four: beside "född 18 dec 1981" a reader composes 811218-9876 at once.
  // CUE knows `sista siffrorna` but not these compounds (`de fyra slutsiffrorna` neither: `fyra`
  // must be followed by `siffror`).
  it('FINDING (closed in stop 45): the last four named slutsiffror or kontrollsiffror', () => {
    expect(
      passed([
        'Född 18 dec 1981, slutsiffrorna 9876',
        'Född 18 dec 1981, de fyra slutsiffrorna 9876',
        'Född 18 dec 1981, kontrollsiffrorna 9876',
        'Född 18 dec 1981, de fyra kontrollsiffrorna 9876',
        'Född 811218, slutsiffror 9876',
      ]),
    ).toEqual([]);
  });

  // The four grouped as a reader spells it out digit by digit, or in pairs with a slash or a
  // spaced dash: FOUR reads `9 8 7 6`, `98 76`, `98-76`, `98.76` only. A reader composes 9876.
  it.fails('FINDING (open): the last four grouped 9-8-7-6, 9.8.7.6, 98/76 or 98 - 76', () => {
    expect(
      passed([
        'Född 18 dec 1981, sista fyra 9-8-7-6',
        'Född 18 dec 1981, sista fyra 9.8.7.6',
        'Född 18 dec 1981, sista fyra 98/76',
        'Född 18 dec 1981, sista fyra 98 - 76',
        'Född 18 dec 1981, sista fyra 9, 8, 7, 6',
        'pnr 811218, sista fyra 9-8-7-6',
      ]),
    ).toEqual([]);
  });

  // The apostrophe before a two-digit year, as keyboards and fonts give it: the grave accent (a
  // dead key beside backspace on a Swedish keyboard), the reversed quote ‛, modifier letters ʹ ˈ
  // ʻ ꞌ, the double prime ″ and the reversed prime ‵. DASH_OR_APOSTROPHE knows ' ’ ‘ ʼ ′ only. Each reads "-81" to anyone.
  it.fails('FINDING (open): other apostrophes before a two-digit year: `81, ‛81, ʹ81, ˈ81, ʻ81, ꞌ81, ″81, ‵81', () => {
    expect(
      passed(
        ['`', '\u201b', '\u02b9', '\u02c8', '\u02bb', '\ua78c', '\u2033', '\u2035'].map(
          (mark) => `Född 18 dec ${mark}81, sista fyra 9876`,
        ),
      ),
    ).toEqual([]);
  });

  // Letters the twins table lacks, in the scripts it claims (Cyrillic, Greek): the capital Je Ј
  // (its small ј is there), small к м п, Greek lunate sigma ϲ and yot ϳ. Same pixels as Latin.
  it.fails('FINDING (open): Cyrillic and Greek look-alikes missing from the twins table, in month names', () => {
    expect(
      passed([
        born18('\u0408an', 1), // Јan
        born18('\u0408AN', 1), // ЈAN
        born18('\u041c\u0410\u0408', 5), // МАЈ, all Cyrillic
        born18('o\u043at', 10), // oкt
        born18('\u043caj', 5), // мaj
        born18('\u043fov', 11), // пov
        born18('de\u03f2', 12), // deϲ
        born18('DE\u03f9', 12), // DEϹ
        born18('\u03f3an', 1), // ϳan
      ]),
    ).toEqual([]);
  });

  // Latin letters and letters of other scripts drawn as the month's letters: Latin alpha ɑ,
  // script g ɡ, dotless ı, small capitals ᴅᴇᴄ, Armenian օ ս, Coptic ⲟ, Lisu ꓓ, Cherokee Ꭰ — and
  // in the cue words (`sistɑ fyrɑ`, `Personnսmmer`). NFKC does not fold them; a reader does.
  it.fails('FINDING (open): Latin and other-script look-alikes in month names and cue words', () => {
    expect(
      passed([
        born18('au\u0261', 8), // auɡ
        born18('apr\u0131l', 4), // aprıl
        born18('\u0251pr', 4), // ɑpr
        born18('m\u0251rs', 3), // mɑrs
        born18('\u1d05\u1d07\u1d04', 12), // ᴅᴇᴄ
        born18('\u0585kt', 10), // օkt
        born18('j\u057dl', 7), // jսl
        born18('\u2c9fkt', 10), // ⲟkt
        born18('\ua4d3ec', 12), // ꓓec
        born18('\u13a0ec', 12), // Ꭰec
        'Född 18 dec 1981, sist\u0251 fyr\u0251 9876',
        'Personn\u057dmmer: född 18 dec 1981, slutar på 9876',
      ]),
    ).toEqual([]);
  });

  // A comma between month and a two-digit year with its dash or apostrophe. AFTER_MONTH takes a
  // comma only before a four-digit year (so `3 mars, 12 deltagare` is no date) — but `, -81` and
  // `, '81` cannot be a count.
  it.fails('FINDING (open): a comma before a dashed year, 18 dec, -81', () => {
    expect(
      passed([
        'Född 18 dec, -81, sista fyra 9876',
        'Född den 18 december, -81, sista fyra 9876',
        "Född 18 december, '81, sista fyra 9876",
      ]),
    ).toEqual([]);
  });

  // Day and month as numbers and a two-digit year after a space: `18/12 81`. Pattern 3 takes a year
  // after a space only with four digits (for `18/12 12 deltagare`), but a year followed by a comma
  // or the end of the clause is no count.
  it.fails('FINDING (open): 18/12 81 with a space before a two-digit year', () => {
    expect(passed(['Född 18/12 81, sista fyra 9876', 'Pnr 18/12 81. Sista fyra 9876.'])).toEqual([]);
  });

  // Ordinals with an apostrophe (`18'e`, `18´e`, `18’e`): a common informal spelling of `18:e`.
  it.fails("FINDING (open): an ordinal written with an apostrophe, 18'e dec", () => {
    expect(
      passed([
        "Född 18'e dec 1981, sista fyra 9876",
        'Född 18\u00b4e dec 1981, sista fyra 9876',
        'Född den 18\u2019e december -81, sista fyra 9876',
      ]),
    ).toEqual([]);
  });

  // `febr.` is the Swedish dictionary abbreviation of februari (SAOL), as `sept.` of september.
  it('FINDING (closed in stop 45): the abbreviation febr.', () => {
    expect(passed([born18('febr.', 2), born18('Febr', 2)])).toEqual([]);
  });

  // English, month first, with an apostrophe year: `Dec 18 '81`. The scan makes the gap ` '`
  // between two digits a dash (`Dec 18-81`), which pattern 2 does not read (`Dec 18, '81` is refused).
  it.fails("FINDING (open): English month first with an apostrophe year, Dec 18 '81", () => {
    expect(
      passed(["DOB Dec 18 '81, SSN last 4 9876", 'SSN: born December 18 \u201981, last 4 9876']),
    ).toEqual([]);
  });

  // US order with dashes or dots: the month-first reading needs a slash (`12/18/1981` is refused).
  // The second number, 18, can be no month: a reader reads 18 December 1981.
  it.fails('FINDING (open): US order with dashes or dots, 12-18-1981', () => {
    expect(
      passed([
        'DOB 12-18-1981, SSN last 4 9876',
        'DOB 12.18.1981, SSN last 4 9876',
        'DOB 12-18-81, SSN last 4 9876',
      ]),
    ).toEqual([]);
  });

  // A year in words as Swedes say it, `nittonåttioett` (no `hundra`): `nitton åttioett` apart and
  // `nittonhundraåttioett` are read, the compound is not.
  it.fails('FINDING (open): the year in words as it is said, nittonåttioett', () => {
    expect(passed(['Född 18 december nittonåttioett, sista fyra 9876'])).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------
  // FALSE REFUSALS, open on 84eaf6e: ordinary notes, no personnummer named.
  // ---------------------------------------------------------------------------------------------

  // "De sista fyra veckorna" (the last four weeks), "de fyra sista gångerna", "the last 4 weeks":
  // everyday prose, naming no number — but CUE reads `sista fyra` (`fyra sista`, `last 4`) as
  // naming the last four digits, so such a note with a date and a four-digit amount is refused one
  // time in ten (measured 9.4 % for each template, 500 notes; 0 % with "de senaste veckorna").
  it('FINDING (closed in stop 45): "de sista fyra veckorna" is taken for the last four digits', () => {
    const note = `Hembesök 3 mars 2025. De sista fyra veckorna har mamma betalat hyran, ${lastFour('250303', '450')} kr.`;
    const rates = [
      (int: Draw) =>
        `Hembesök ${int(1, 28)} ${month(int)} 20${int(20, 25)}. De sista fyra veckorna har mamma betalat hyran, ${int(1000, 9999)} kr.`,
      (int: Draw) =>
        `Samtal ${int(1, 28)}/${int(1, 12)} -${int(20, 25)}. Hon har uteblivit de fyra sista gångerna. Skuld ${int(1000, 9999)} kr.`,
      (int: Draw) =>
        `Home visit ${int(1, 28)} ${month(int)} 20${int(20, 25)}. For the last 4 weeks rent paid, ${int(1000, 9999)} SEK.`,
    ].map((template) => refusalRate(template));
    expect({ refused: refused([note]), rates }).toEqual({ refused: [], rates: [0, 0, 0] });
  });

  // A day and a month with no year, then a count or a duration: "Samtal 3 april 40 min",
  // "Gruppträff 4 mars 12 deltagare". YEAR takes any two digits after the month and a space, so
  // `40` is read as the year (400403): with "pnr saknas" and a four-digit sum, one note in ten is
  // refused (measured 9.2 % and 8.8 % of 500), where attack 3 measured 0 % for notes without a year.
  it.fails('FINDING (open): a count or duration after a day and month is read as its year', () => {
    const notes = [
      `Pnr saknas. Samtal 3 april 40 min, bistånd ${lastFour('400403', '450')} kr.`,
      `Pnr saknas. Gruppträff 4 mars 12 deltagare, rum ${lastFour('120304', '103')}.`,
    ];
    const rates = [
      (int: Draw) =>
        `Pnr saknas. Samtal ${int(1, 28)} ${month(int)} ${5 * int(2, 12)} min, bistånd ${int(1000, 9999)} kr.`,
      (int: Draw) =>
        `Pnr saknas. Gruppträff ${int(1, 28)} ${month(int)} ${int(10, 30)} deltagare, rum ${int(1000, 9999)}.`,
    ].map((template) => refusalRate(template));
    expect({ refused: refused(notes), rates }).toEqual({ refused: [], rates: [0, 0] });
  });

  // A range of days (`14 juni–28 juni`, `14 juni - 28 juni`) or a spaced time range (`18 mars 10 -
  // 12`): the dash is read as a dash-year (280614, 100318). Refused one time in ten (10.2 %, 10.2 %,
  // 10 % of 500; the seven templates of the three false-refusal tests mixed, 3,500 notes: 10.5 %).
  it.fails('FINDING (open): a range of days or a spaced time range after a month is read as a year', () => {
    const notes = [
      `Pnr saknas. Jourhem 14 juni\u201328 juni, kostnad ${lastFour('280614', '450')} kr.`,
      `Pnr saknas. Jourhem 14 juni - 28 juni, kostnad ${lastFour('280614', '450')} kr.`,
      `Pnr saknas. Möte 18 mars 10 - 12, rum ${lastFour('100318', '103')}.`,
    ];
    const rates = [
      (int: Draw) => {
        const name = month(int);
        return `Pnr saknas. Jourhem ${int(1, 14)} ${name}\u2013${int(15, 28)} ${name}, kostnad ${int(1000, 9999)} kr.`;
      },
      (int: Draw) =>
        `Pnr saknas. Möte ${int(1, 28)} ${month(int)} ${int(10, 15)} - ${int(16, 18)}, rum ${int(1000, 9999)}.`,
    ].map((template) => refusalRate(template));
    expect({ refused: refused(notes), rates }).toEqual({ refused: [], rates: [0, 0] });
  });
});
