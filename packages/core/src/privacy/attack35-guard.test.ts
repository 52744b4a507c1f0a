// Attack 35 — the personal-data guard after attack 34's look-alike letters. Numbers are made
// up: 811218-9876 is a personnummer whose check digit holds, 070-123 45 67 a valid mobile.
// Judged out of scope (no test): leet letters (`S` 5, `B` 8, `Z` 2, `g` 9, `T` 7, `A` 4, `E` 3) —
// a reader reads the letter and must decode the number, as a puzzle, and `A4`, `E4`, `7B` are
// prose; reversed or interleaved digits, for the same reason; `anna på gmail` and `anna at gmail`
// without a domain — a reader supplies the provider's address from knowledge, not from the text.
import { describe, expect, it } from 'vitest';
import { findPersonalData, findPersonalDataAcrossNotes } from './find-personal-data.js';
import { NOTE_CORPUS } from './fixtures/note-corpus.js';
import { scanTimeRatio } from './fixtures/scan-time.js';
import { scanForPersonalData } from './personal-data-guard.js';

const refused = (texts: readonly string[]): string[] =>
  texts.filter((text) => findPersonalData(text) !== undefined);
const passed = (texts: readonly string[]): string[] =>
  texts.filter((text) => findPersonalData(text) === undefined);

// (a) Letters of other scripts drawn exactly as the Latin look-alikes: Cyrillic І Ӏ ӏ О о, Greek
// Ι Ο ο, Armenian Օ օ, the Latin letter dental click ǀ and the divides sign ∣. On screen they are
// the same pixels as `l`/`I`/`O`, so a reader reads the same number (a Cyrillic or Greek keyboard
// layout is one tap away on a phone).
const OTHER_SCRIPT_LOOKALIKES: readonly string[] = [
  '8ІІ2І8-9876', // Cyrillic І (U+0406)
  '8ӀӀ2Ӏ8-9876', // Cyrillic palochka Ӏ (U+04C0)
  '8ӏӏ2ӏ8-9876', // Cyrillic small palochka (U+04CF)
  '8ΙΙ2Ι8-9876', // Greek Ι (U+0399)
  '8ǀǀ2ǀ8-9876', // Latin letter dental click (U+01C0)
  '8∣∣2∣8-9876', // divides (U+2223)
  'О7О-123 45 67', // Cyrillic О (U+041E)
  'о7о-123 45 67', // Cyrillic о (U+043E)
  'Ο7Ο-l23 45 67', // Greek Ο (U+039F) and a Latin l
  'ο7ο 123 45 67', // Greek ο (U+03BF)
  'Օ7Օ-123 45 67', // Armenian Օ (U+0555)
  '8 І І 2 І 8 - 9 8 7 6', // spaced out
  // A third attacker on stop 40's guard: more scripts' strokes and rings (Lisu, Coptic, runic,
  // Tifinagh, Latin Ɩ and ı, small capital ᴏ, Hebrew paseq).
  '8ꓲꓲ2ꓲ8-9876', // Lisu ꓲ (U+A4F2)
  'ꓳ7ꓳ-123 45 67', // Lisu ꓳ (U+A4F3)
  'ⲟ7ⲟ-123 45 67', // Coptic ⲟ (U+2C9F)
  'Ⲟ7Ⲟ-123 45 67', // Coptic Ⲟ (U+2C9E)
  '8ᛁᛁ2ᛁ8-9876', // runic isaz (U+16C1)
  '8ⵏⵏ2ⵏ8-9876', // Tifinagh yan (U+2D4F)
  '8ƖƖ2Ɩ8-9876', // Latin iota (U+0196)
  '8ıı2ı8-9876', // dotless i (U+0131)
  'ᴏ7ᴏ-123 45 67', // small capital o (U+1D0F)
  '8׀׀2׀8-9876', // Hebrew paseq (U+05C0)
  // A fourth attacker: more of the same.
  '8ⲒⲒ2Ⲓ8-9876', // Coptic Ⲓ (U+2C92)
  '8ㅣㅣ2ㅣ8-9876', // Hangul ㅣ (U+3163)
  '8丨丨2丨8-9876', // CJK 丨 (U+4E28)
  '8וו2ו8-9876', // Hebrew vav (U+05D5)
  '8اا2ا8-9876', // Arabic alef (U+0627)
  'ⵔ7ⵔ-123 45 67', // Tifinagh yar (U+2D54)
  'ס7ס-123 45 67', // Hebrew samekh (U+05E1)
  // A sixth attacker (stop 41).
  '8ꟾꟾ2ꟾ8-9876', // Latin epigraphic I longa (U+A7FE)
  '8ɩɩ2ɩ8-9876', // Latin small iota (U+0269)
  'ㅇ7ㅇ-123 45 67', // Hangul ieung (U+3147)
  'ଠ7ଠ-123 45 67', // Oriya tha (U+0B20)
  'ዐ7ዐ-123 45 67', // Ethiopic pharyngeal a (U+12D0)
  // A seventh: an acute accent (U+0301) on a look-alike, which NFKC composes into ĺ or ó.
  '8l\u0301l2l8-9876',
  'pnrl\u03012O3l5-1236',
  '811218-987l\u0301',
  'o\u03017o-123 45 67',
  'telo\u030170-123 45 67',
];

// (b) A lone one-letter word — `o` (the note-taker's "och"), `|`, `I` — between two numbers of
// several digits is a conjunction or a separator to a reader, not a digit: "0930 o 1300" is two
// times of day. Attack 34's chains read it as 0 or 1, and the joined digits make a phone number.
const LONE_LETTER_PROSE: readonly string[] = [
  'Samtal 0930 o 1300 idag.',
  'Möten 0800 o 1500 på tisdag, mamma o pappa kommer.',
  'Tider 0930 o 1100 passar familjen.',
  'Tider 0930 | 1100 | 1300 | 1430',
  'Telefontid 0830 | 0900 enligt skolan.',
  'Mamma o pappa kom 0930 o gick 1100 o ringde 1300.',
];

// (b) Prose a reader never reads as a number, though letters that look like digits stand in it:
// words glued to numbers, and times, dates, rooms and amounts joined by a lone letter (each group
// found by an attacker on a form of the fix; the tests name the weakenings).
const WORDS_GLUED_TO_NUMBERS: readonly string[] = [
  'kl10.30-11.30 samtal',
  'Rum Hotell12, våning 3',
  'Certifierad enligt ISO9001 sedan 2019.',
  'Bil XPS13 9310',
  'kl10 o 11.30',
  '12 l mjölk, 3 l juice',
  'Kvitto12 345678 sparat',
  'Studio2024 0930 möte',
];
const LONE_LETTER_TIMES_AND_AMOUNTS: readonly string[] = [
  'Samtal 14/3 0930 o 1300.',
  'Mån 14/3 0830 o 1300, tis 15/3 1000 o 1400.',
  'Samtal 0830 o 1300, 3 deltagare.',
  'Samtal 0830 o 1300.\n14/3 uppföljning',
  'Telefontid 0830 | 0900, 1 samtal.',
  'Tider 0830 | 0900 | 10',
  'den 3, 0930 o 1300',
  'Rum 110 o 111 o 1101',
  'Lgh 1101 o 1102 o 12',
  'Bidrag 4650 o 10000 kr',
  'Utbetalning 240101 | 180 kr',
  'Hembesök 240102 o 900',
  // A second attacker: a sentence begun with `I` after a time and a long run of punctuation
  // (the chain runs on over it). Weakening: drop `beginsProse` (digit-lookalikes.ts).
  'Hembesök 240101 8.15 -- I hemmet fanns mamma.',
  'Hembesök 240101 8.15 ... I hemmet fanns mamma.',
  'Hembesök 2024-01-01 8.15 -- I hemmet fanns mamma.',
  // A third attacker: a time, a long run and a sentence begun with `I` and a year; an amount,
  // a full stop and `I` (round amounts end in 0: `NN0` + `1` is month 01). Weakening:
  // drop `beginsSentence` (digit-lookalikes.ts).
  'Mamma ringde 08.15... I 2023 hade hon ringt 12 gånger.',
  'Skolan ringde 08.45 -- I 2022 anmälde skolan också.',
  'Samtal 08:30 -- I 2021 var hon sjukskriven.',
  'Möte 14/3 08.30 –– I 2020 flyttade familjen.',
  'Hembesök 2024-03-14 08.45 -- I 2022 anmälde skolan.',
  'Hembesök 2021-09-23 08:30 -- I 2021 bodde familjen i Malmö.',
  'Hyran var 850. I 2024-05 höjdes den till 900.',
  'Skulden var 12050. I 2022 betalades hälften.',
  'Mamma fick 10100. I 2019 var det mindre.',
];

// (c) An e-mail address written with a bracketed dot — "defanged" (`exempel[.]se`), a habit from
// IT security that a reader reads as a dot at once — beside a spelled at sign.
const BRACKETED_DOT_EMAIL: readonly string[] = [
  'anna at exempel[.]se',
  'anna (at) exempel(.)se',
  'anna.berg [at] exempel [.] se',
  'anna snabel-a exempel{.}se',
];

// (c2) An e-mail address spelled out letter by letter — as attack 34's `8 l l 2 l 8` spaces out a
// number — or with a comma for a dot after a spelled at sign (a phone keyboard's slip).
const SPACED_OUT_EMAIL: readonly string[] = [
  'a n n a @ e x e m p e l . s e',
  'anna @ e x e m p e l . s e',
  'a n n a . b e r g @ g m a i l . c o m',
  'Mejla henne: l i s a (at) e x e m p e l . n u',
  'anna at gmail,com',
  'anna.berg snabel-a exempel,se',
];

// Prose with letters spaced out, an at sign and commas glued to words.
const SPACED_OUT_PROSE: readonly string[] = [
  'Betygen blev A B C i tur och ordning, träff @ biblioteket 14/3.',
  'Hon stavade sitt namn: L I S A, och skrev "hej @ alla" på tavlan.',
  'Vi ses at home,sa pappan på engelska, kl 10.',
  'Mötet: A @ B . C diskuterades, se punkt 3.',
  'Vi pratade om skola,fritid och ekonomi at length.',
];

// (d) Swedish numbers with hundreds, written as one word as they are said: a phone number read in
// groups ("noll sjuttio, etthundratjugotre, …") and the year of a 12-digit personnummer.
const HUNDREDS: readonly string[] = [
  'noll sjuttio, etthundratjugotre, fyrtiofem, sextiosju',
  'noll sju noll hundratjugotre fyrtiofem sextiosju',
  'nittonhundraåttioett tolv arton nittioåtta sjuttiosex',
  'nittonhundraattioett-tolv-arton - nittioatta sjuttiosex',
];

// (e) English tens and teens — numbers read in pairs, as an English speaker says them.
const ENGLISH_TENS: readonly string[] = [
  'eighty one twelve eighteen ninety eight seventy six',
  'eighty-one twelve eighteen, ninety-eight seventy-six',
  'oh seven oh, one twenty three, forty five, sixty seven',
  'zero seventy, one two three, forty-five, sixty-seven',
];

// Prose with the words those readings add, beside numbers.
const HUNDREDS_AND_ENGLISH_PROSE: readonly string[] = [
  'Eleven har 12 dagars frånvaro, 3 av 4 morgnar för sent.',
  'Eleven i åk 7 och eleven i åk 9 träffas 0930-1100.',
  'Hyran är sjuhundra kr mer sedan 2025-03-01, totalt 7 450 kr.',
  'Mamman fick tvåhundrafemtio kr i matkasse, nästa 14/3 kl 10.',
  'Ten minutes late, twenty minutes talk; 2025-03-14 0930-1100.',
  'Hon har hundra saker att göra, samtal 0930 och 1300.',
  'Nittonhundratalet, sa mormor, fyllde 80 år 2025-04-02.',
];

// (f) A number split by prose, in one note or across two: "pnr 811218, sista fyra 9876". A reader
// joins the two; the scan did not join numbers across words (a date and a time of day are
// written so all the time). Closed where the text names the number (see the test).
const SPLIT_BY_PROSE: readonly string[] = [
  'Personnumret är 811218 och de fyra sista 9876',
  'pnr 811218, sista fyra 9876',
];

// The letters of the same pixels must not make prose of other scripts a number.
const OTHER_SCRIPT_PROSE: readonly string[] = [
  'Mamman talar ryska: "Он работает в Стокгольме с 2019 года", tolk bokad 2025-03-14.',
  'Ο γιος είναι 12 ετών, samtal 0930-1100.',
  'Familjen kom i oktober 2022, ՕՆԼԱՅՆ-kurs 3 av 5.',
  'Pappan skriver "о 2 детях" i sms, samtal 0930-1100 om det.',
];

// Shapes aimed at the look-alike chains and the new words: a quadratic pass over a chain (or a
// backtracking word pattern) shows as a ratio near 16 when the text grows four times.
const CHAIN_SHAPES: Readonly<Record<string, (length: number) => string>> = {
  'l l l … after a digit': (length) => `8 ${'l '.repeat(length / 2 - 1)}`,
  'digit and letter words alternating': (length) => '1 l '.repeat(length / 4),
  'digits glued to letters': (length) => '1lO|'.repeat(length / 4),
  'Cyrillic and Greek look-alikes': (length) => `8 ${'І Ο '.repeat(length / 4 - 1)}`,
  'lone letters between long groups': (length) => '0930 o '.repeat(Math.ceil(length / 7)).slice(0, length),
  'hundreds words': (length) => 'etthundratjugotre '.repeat(Math.ceil(length / 18)).slice(0, length),
  'hundra prefixes': (length) => 'nittonhundr '.repeat(Math.ceil(length / 12)).slice(0, length),
  'English tens and units': (length) => 'seventy one, '.repeat(Math.ceil(length / 13)).slice(0, length),
  'spaced-out letters with at signs': (length) => 'a @ b . '.repeat(length / 8),
  'commas before a top-level domain': (length) =>
    'x at a,com '.repeat(Math.ceil(length / 11)).slice(0, length),
  'bracketed dots': (length) => 'a at b[.]'.repeat(Math.ceil(length / 9)).slice(0, length),
};

describe('attack 35: the personal-data guard', () => {
  // Before: 0 of 12 refused (0 of the last 10 before stop 40). Weakening: drop the Latin twins
  // (`latin = text` in digit-lookalikes.ts), or any one of them.
  it('(a) finds numbers written with look-alike letters of other scripts (Cyrillic, Greek, Armenian, …)', () => {
    expect(passed(OTHER_SCRIPT_LOOKALIKES)).toEqual([]);
    for (const text of OTHER_SCRIPT_LOOKALIKES)
      expect(scanForPersonalData({ text: `Samtal om sömn. ${text} Uppföljning v. 14.` })?.path).toBe('/text');
  });

  // Passed before the fix too: it guards the fix against false positives.
  it('(a) reads no letter of another script as a digit in prose', () => {
    expect(refused([...OTHER_SCRIPT_PROSE, ...NOTE_CORPUS])).toEqual([]);
  });

  // Before: 5 of 6 refused. Weakening: drop `isLoneLetter` from `endChain` (digit-lookalikes.ts).
  it('(b) reads a lone o, | or I between two times of day as prose, not as a digit', () => {
    expect(refused(LONE_LETTER_PROSE)).toEqual([]);
  });

  // Weakening: read every one-letter word as a word (`isLoneLetter` true for any length-1 word).
  it('(b) still reads spaced-out single letters among single digits (attack 34)', () => {
    for (const text of [
      '8 l l 2 l 8 - 9 8 7 6',
      'O 7 O - l 2 3  4 5  6 7',
      '8ll2l8 - 98 7 6',
      'O7O l23 45 67',
    ])
      expect(findPersonalData(text)).toBeDefined();
  });

  // Was open, the price of (b) (an `it.fails` until stop 40): a lone look-alike letter between two
  // groups of three digits or more was read as a word, so `81121 l - 9873` (811211-9873, a digit
  // spaced off as a letter) passed where attack 34 found it. (The `it.fails` wrote `81121 l - 9876`:
  // 811211-9876, whose check digit fails, so that grouping was no personnummer with any reading.)
  // Now a lone `l`, `I` or `O` is a digit where a run of the chain's words, read with it, spells an
  // identity number whose check digit holds (`lone-letter-digits.ts`). Before: none of these found.
  // Weakening: drop `spacedOff` in `withDigitLookalikes` (digit-lookalikes.ts).
  it('(b) finds a number with one letter spaced off between long groups, beside other numbers too', () => {
    expect(findPersonalData('81121 l - 9873')).toBe('personnummer');
    expect(findPersonalData('81121 I 9873')).toBe('personnummer');
    expect(findPersonalData('pnr 1981121 l - 9873')).toBe('personnummer');
    for (const text of [
      '81121 l - 9873, 2 barn',
      'Nr 2: 81121 l - 9873',
      '81121 l - 9873 o 1300',
      '1 81121 l 9873',
      '81121 l 9873 81121 l 9873',
      // Any run of punctuation, as between two groups of digits (`811211 -- 9873`, `811211 ..., 9873`).
      // Weakening: end a chain at a run longer than `NEAR`, or at one with a comma or a `!?` in it
      // (digit-lookalikes.ts; a second attacker found the latter).
      '81121 l -- 9873',
      '81121 l ... 9873',
      '81121 l _-_ 9873',
      '81121 l ..., 9873',
      '81121 l !? 9873',
      '81121 l -: 9873',
      // A capital `O` is no "och" (811210-9874). Weakening: leave `O` out of `DIGIT_LIKE`.
      '81121 O 9874',
      '81121 O - 9874',
      // A third attacker: only an `I` begins prose after a long run; `l` and `O` are no Swedish
      // words (8112189801, 8112189850). Weakening: any one-letter look-alike in `beginsProse`.
      '811218-980 -- l hej',
      '811218-985 -- O mamma',
    ])
      expect(findPersonalData(text), text).toBe('personnummer');
  });

  // A third attacker: look-alike letters inside a number glued to letters (`pnr8ll2l8-9876`) passed
  // where the digits (`pnr811218-9876`) were refused: the glued word broke the chain. Before: 0 of
  // 4 found. Weakening: drop `gluedNumber` (digit-lookalikes.ts).
  it('(b) reads look-alike letters in a number glued to a word', () => {
    for (const text of ['pnr8ll2l8-9876', 'x8ll2l8-9876', 'nr81121 l 9873', '81121 l 9873st'])
      expect(findPersonalData(text), text).toBe('personnummer');
  });

  // A fourth attacker: a capital look-alike at the end of a glued number stayed with the letters,
  // so a phone number (all start with 0) or a child's personnummer (0 or 1) passed. Before: 0 of 6
  // found. Weakening: drop the capital ends in `gluedNumber` (digit-lookalikes.ts).
  it('(b) reads a capital look-alike at the end of a number glued to a lower-case word', () => {
    for (const text of ['telO70-123 45 67', 'mobO7O-l23 45 67', 'telO8-123 456 78', 'nrO7O1234567'])
      expect(findPersonalData(text), text).toBeDefined();
    expect(findPersonalData('pnrO5O3l2-3457')).toBe('personnummer');
    expect(findPersonalData('jfr811218-985Ost')).toBe('personnummer');
  });

  // A fourth attacker's leftover (stop 40), closed in stop 41: a lower-case `l` or `o` between the
  // letters and a glued number stayed a letter, so `pnrl2O3l5-1236` (120315-1236) and `telo70-…`
  // passed. Now such an edge is read where the digits then spell an identity or a mobile number,
  // in the groups one is written in. Two more attackers on the first forms found the rest of this
  // list missed: a second group beginning with an edge (`-l238st`), a mobile's last digit as a
  // tail, capitals or `|` beside capitals (`PNRI2O3I5`), a date in pairs (`l2 03 15-1236`).
  // Before: 0 of 17 found. Weakening: drop the edges in `withEdges` (digit-lookalikes.ts).
  // Not read (limits, docs/embedding.md): a date part of look-alikes only (`pnrlOlOlO-1234`),
  // landlines after an `o` (`telo8-123 456 78`), more than three look-alikes at an edge, two edges
  // needed together (`pnr81121l-106ost`), a weak edge (two letters or more, or capitals) on a
  // number with no look-alike inside (`föddllo10l-9873`, `TELO70-123 45 67`), a mobile after an
  // `o` written `070-1234567` without one (`telo70-1234567`: `Konto70-8704153` is an account).
  it('(b) reads a look-alike at the edge of a glued number where it completes one', () => {
    for (const text of [
      'pnrl2O3l5-1236',
      'Pnr: l2O3l5-1236 enl. mamma',
      'pnr81121l-9873',
      'pnr811218-987o',
      'jfr811218-l238st',
      'pnr8112l8-l238ok',
      'PNRI2O3I5-1236',
      'PNRІ2O3І5-1236',
      'pnrlol0l0-1234',
      'PNR|2O3|5-1236',
      'pnrl2 03 15-1236',
    ])
      expect(findPersonalData(text), text).toBe('personnummer');
    for (const text of [
      'telo70-123 45 67',
      'mobo7o-1234567',
      'Mobil 070-l234567st',
      'tel070-123 45 6lst',
      'TELO7O-123 45 67',
    ])
      expect(findPersonalData(text), text).toBe('phone-number');
  });

  // The fifth attacker's false refusals of the first form (115,200 generated notes, 3.5 % refused
  // anew): rooms and times beside a date, account numbers in a mobile's digits, words ending in
  // `l` or `ool` beside five digits and four; a sixth found time ranges and protocol numbers glued
  // to words ending in `ll`/`oll` (5.7 % of `fotboll1120–1230` notes), accounts and references
  // (`Konto70-8704153`, `PO77-698 5238`). Now a reading must give the groups a number's shape, a
  // dash between them or a disguised word, and a weak edge (two letters or more, or capitals) a
  // disguised word; a seventh found protocol numbers with a year (`Protokoll50112-2020`, 0.7 %):
  // undisguised, a last group that is a year is one. Weakening: drop any of these conditions
  // (`spellsNumberInShape`, `spellsWith` in edge-letter-digits.ts), or read a mobile
  // `070-1234567` without a disguise.
  it('(b) reads no room, time, amount or account number beside a glued edge as a number', () => {
    expect(
      refused([
        'Familjen bor på Hotell211 2023-02-20',
        'Rum Hotell405 2019-12-27 kl 16.00',
        'hotell1276 2024-12-23 insats beviljad',
        'Samtal kl9.08 2022-01-04 med mamma',
        'kl7.11 2025-05-14 hembesök',
        'Natt på Pool208 2020-02-12 kl 18.30',
        'Enligt socialsekreterare Kontroll108 2020-06-24',
        'Kvitto10504 9191 kr ny tid bokad',
        'stol80323 7930 kr kontakt med bup',
        'Artikel30163 2020-09-19',
        'kvitto704270763 sparat',
        'konto70 4763841 uppföljning',
        'Radio73 078 53 77 enligt socialsekreterare',
        'konto78 211 4523 kr',
        'Porto780-070 886 betalt',
        'Info7372-262 80 sparat',
        '2020-06-10 0854-0800 Inget nytt, Protokoll20 | 1630',
        'Idag fotboll1120–1230',
        'Stall1215-0915',
        'Ref. protokoll102-2018',
        'Enligt Kontroll120 - 2016',
        'Hotell1001-2018',
        'Konto70-8704153 betalt',
        'Enl. PO77-698 5238 st',
        'Dnr JO73-517 5615 ok',
        'Protokoll50112-2020',
        'Se protokoll60585-2019 justerat',
      ]),
    ).toEqual([]);
  });

  // Weakening: extend a glued number over lower-case look-alikes at its ends whatever they spell
  // (`kl10` is then 110), or read an edge `o` as the 0 of any phone number (`Kvitto12 345678`).
  it('(b) keeps the letters of words glued to numbers', () => {
    expect(refused(WORDS_GLUED_TO_NUMBERS)).toEqual([]);
  });

  // A fresh attacker on the first fix (a lone letter read as a digit whenever the whole chain had
  // 10 or 12 digits) found these refused as phone numbers or personnummer: a short number beside two
  // times made the count. Weakening: read a chain's lone letters as digits by its digit count
  // alone, or let `o` and `|` complete a number as `l`, `I` and `O` do (`240101 | 180` then passes
  // the check digit).
  it('(b) reads no times, dates, rooms or amounts joined by a lone letter as a number', () => {
    expect(refused(LONE_LETTER_TIMES_AND_AMOUNTS)).toEqual([]);
  });

  // Before: 0 of 4 refused. Weakening: take `\.` out of BRACKETED_DOT (email-addresses.ts).
  it('(c) finds an e-mail address written with a bracketed dot', () => {
    expect(passed(BRACKETED_DOT_EMAIL)).toEqual([]);
  });

  // Before: 0 of 6 refused. Weakening: skip `withSpacedOutJoined` in `findEmailAddress`.
  it('(c2) finds an e-mail address spelled out letter by letter, or with a comma for a dot', () => {
    expect(passed(SPACED_OUT_EMAIL)).toEqual([]);
  });

  // Weakening: join a spaced-out at sign glued (`A @ B` → `A@B`), or read any glued comma before a
  // letter as a dot (`at home,sa` → `home.sa`): each refuses a sentence here.
  it('(c2) reads no spaced-out letters or glued commas in prose as an e-mail address', () => {
    expect(refused(SPACED_OUT_PROSE)).toEqual([]);
  });

  // Before: 0 of 4 refused. Weakening: drop HUNDREDS from WORD (number-words.ts).
  it('(d) reads Swedish hundreds written as one word (etthundratjugotre, nittonhundraåttioett)', () => {
    expect(passed(HUNDREDS)).toEqual([]);
  });

  // Before: 0 of 4 refused. Weakening: drop the English tens, or join a tens word and a unit
  // word across a comma (`zero seventy, one two three` is then 071 23…, no number).
  it('(e) reads English tens and teens (eighty one twelve eighteen …)', () => {
    expect(passed(ENGLISH_TENS)).toEqual([]);
  });

  // Passed before the fix too: it guards the fix against false positives (`eleven` is Swedish).
  it('(d, e) reads no prose with those words as a number', () => {
    expect(refused(HUNDREDS_AND_ENGLISH_PROSE)).toEqual([]);
  });

  // Was open (an `it.fails` until stop 44): joining any birth date and four-digit group a few
  // words apart when the check digit holds would refuse one date-and-number pair in ten in
  // ordinary notes ("Möte 250314, rum 1030"). Closed where the text names the number
  // (`identity-number-split-by-prose.ts`: "pnr", "personnummer", "sista fyra" …): a note that says
  // it holds a personnummer is read as a reader reads it. Weakening: drop the cue words' rule
  // from `findPersonalData` — this test fails.
  it('(f) finds a personnummer split by prose within a note or across two notes', () => {
    expect(passed(SPLIT_BY_PROSE)).toEqual([]);
    expect(findPersonalDataAcrossNotes('Mammans pnr börjar 811218.', 'De sista fyra är 9876.')).toBeDefined();
    // In number words (also where the cue's own "fyra" reads as a digit beside them), and as a
    // samordningsnummer (the day plus 60).
    expect(
      refused([
        'Personnumret 811218, de sista siffrorna nio åtta sju sex',
        'Mammans pnr börjar 811218. Hon säger de sista fyra nio åtta sju sex',
        'Samordningsnummer 811278 och sista fyra 9873',
      ]),
    ).toHaveLength(3);
  });

  // The price of (f), held to it: without a cue word nothing is joined, and with one only a pair
  // whose check digit holds is refused (`2503141034` holds, `…1030` does not).
  it('(f) joins nothing without a word naming the number, nor a pair whose check digit fails', () => {
    expect(
      passed([
        'Möte 811218, rum 9876.',
        'Pnr saknas, möte 250314 rum 1030.',
        'Personnummer finns i akten; samtal 2025-03-14 kl 0930.',
        'De fyra sista mötena: 250314, 250321, 250328 och 250404.',
      ]),
    ).toHaveLength(4);
    expect(refused(['Pnr saknas, möte 250314 rum 1034.'])).toHaveLength(1);
  });

  // Before: 'digits glued to letters' failed (attack 34's callback per replaced letter: 21 times the
  // time at 4 times the length). Weakening: put that callback back, or make `isLoneLetter` (digit-lookalikes.ts) look along the whole chain — the chain
  // shapes then grow quadratically and fail.
  it.each(Object.entries(CHAIN_SHAPES))(
    '%s: four times the text takes less than ten times as long',
    (_shape, make) => {
      expect(scanTimeRatio(make(4_096), make(16_384))).toBeLessThan(10);
    },
  );
});
