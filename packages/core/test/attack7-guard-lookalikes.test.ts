/*
 * ATTACK 7 — personal data past the hardened guard, written so a person still reads it.
 *
 * Attacker: a user of the public API (a counsellor's app, a catalogue author), no privileges;
 * input goes through `CommandService.writeNote` / `adoptCatalogue` only. Anyone who later holds
 * the series key (readNotes while the series is open) or the clear catalogue stream reads the
 * value back.
 *
 * Claim attacked: no personnummer / samordningsnummer, phone number or e-mail address "however
 * it is written (other digit systems, invisible characters, other dashes and spaces, escapes,
 * spelled-out at signs)" can be stored in any free text. The documented limit is letters
 * written for digits ("8ll2l8"); none of the cases below uses a letter for a digit.
 *
 * Breaks (each note below is stored today and handed back by `readNotes` as written):
 *  A. Digits that are Unicode numbers (gc=No) but neither Nd nor NFKC-decomposable, so
 *     `normaliseForScan` leaves them alone: DINGBAT NEGATIVE CIRCLED DIGITS (❶…❾, U+2776…),
 *     DINGBAT CIRCLED SANS-SERIF DIGITS (➀…➈, U+2780…), DOUBLE CIRCLED DIGITS (⓵…⓽, U+24F5…).
 *     ❽❶❶❷❶❽-❾❽❼❻ is 811218-9876 to any reader (⑧①… and ¹²³ ARE caught: they decompose).
 *  B. Dash look-alikes that are letters or symbols, not Pd: HANGUL LETTER EU (ㅡ, U+3161),
 *     KATAKANA PROLONGED SOUND MARK (ー, U+30FC), BOX DRAWINGS LIGHT HORIZONTAL (─, U+2500).
 *     `811218ㅡ9876` renders as 811218-9876; the scan sees two short numbers.
 *  C. Plain-ASCII punctuation around or between the groups that the number clusters do not
 *     read: `[811218]-[9876]`, `"811218"-"9876"`, `811218::9876`, `811218==9876`,
 *     `811218 // 9876`, `811218 … 9876`, `070 [123] 45 67`.
 *  D. Numbers in words or in another numeral system: Swedish number words, CJK numerals.
 *  E. E-mail addresses in the ordinary obfuscations the spelled-at/dot rules miss:
 *     `lisa.berg @ exempel . se`, `lisa.berg -at- exempel.se`, `lisa.berg _at_ exempel.se`,
 *     `lisa.berg (snabel a) exempel.se`, `lisa.berg ((at)) exempel.se`, `lisa.berg‹@›exempel.se`,
 *     `lisa.berg «@» exempel.se`, `lisa.berg@@exempel.se`.
 *
 * Secure behaviour expected: each is refused PERSONAL_DATA_DETECTED and nothing is stored.
 * They failed before this round's fix (the scan now reads all of these; see docs/embedding.md).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Attacked, adoptionNaming, noteAttempt, attacked as target } from './service-under-attack.js';

// 811218-9876 passes the Luhn check (the project's own fixture number); 070-123 45 67 is the
// project's own fixture mobile number.
const BYPASSES: readonly (readonly [string, string])[] = [
  ['A: dingbat negative circled digits', 'Mammans pnr ❽❶❶❷❶❽-❾❽❼❻.'],
  ['A: dingbat circled sans-serif digits', 'Mammans pnr ➇➀➀➁➀➇-➈➇➆➅.'],
  ['A: double circled digits', 'Mammans pnr ⓼⓵⓵⓶⓵⓼-⓽⓼⓻⓺.'],
  ['A: phone number in dingbat digits', 'Ring ⓪❼⓪-❶❷❸ ❹❺ ❻❼ efter kl 16.'],
  ['B: Hangul letter EU as the dash', 'Mammans pnr 811218\u31619876.'],
  ['B: katakana prolonged sound mark as the dash', 'Mammans pnr 811218\u30fc9876.'],
  ['B: box-drawing line as the dash', 'Mammans pnr 811218\u25009876.'],
  ['B: Hangul EU between phone groups', 'Ring 070\u3161123\u316145\u316167.'],
  ['C: groups in square brackets', 'Mammans pnr [811218]-[9876].'],
  ['C: groups in quotes', 'Mammans pnr "811218"-"9876".'],
  ['C: doubled colon', 'Mammans pnr 811218::9876.'],
  ['C: doubled equals sign', 'Mammans pnr 811218==9876.'],
  ['C: spaced double slash', 'Mammans pnr 811218 // 9876.'],
  ['C: spaced ellipsis', 'Mammans pnr 811218 … 9876.'],
  ['C: phone group in brackets', 'Ring 070 [123] 45 67.'],
  ['D: Swedish number words', 'Mammans pnr: åtta ett ett två ett åtta streck nio åtta sju sex.'],
  ['D: CJK numerals', 'Mammans pnr 八一一二一八-九八七六.'],
  ['D: phone number in Swedish words', 'Ring noll sju noll, ett två tre, fyra fem, sex sju.'],
  ['E: spaced at and spaced dot', 'Mejla lisa.berg @ exempel . se'],
  ['E: -at-', 'Mejla lisa.berg -at- exempel.se'],
  ['E: _at_', 'Mejla lisa.berg _at_ exempel.se'],
  ['E: (snabel a)', 'Mejla lisa.berg (snabel a) exempel.se'],
  ['E: doubled brackets', 'Mejla lisa.berg ((at)) exempel.se'],
  ['E: at sign in single guillemets', 'Mejla lisa.berg\u2039@\u203aexempel.se'],
  ['E: at sign in guillemets', 'Mejla lisa.berg «@» exempel.se'],
  ['E: doubled at sign', 'Mejla lisa.berg@@exempel.se'],
];

describe('attack 7: personal data in look-alike digits, dashes and punctuation is refused', () => {
  let attacked: Attacked;
  beforeAll(async () => {
    attacked = await target();
  });

  it.each(BYPASSES)('%s: a working note %j is refused and nothing is stored', async (_how, text) => {
    const { code, stored, readBack } = await noteAttempt(attacked, text);
    expect({ code, stored }, `stored and read back: ${JSON.stringify(readBack)}`).toEqual({
      code: 'PERSONAL_DATA_DETECTED',
      stored: 0,
    });
  });

  it('a personnummer in dingbat digits in a catalogue name is not stored in the clear catalogue stream', async () => {
    const { code, storedText } = await adoptionNaming('Rådgivning ❽❶❶❷❶❽-❾❽❼❻');
    expect(storedText.includes('❽❶❶❷❶❽-❾❽❼❻'), 'the personnummer is in the clear catalogue stream').toBe(
      false,
    );
    expect(code).toBe('PERSONAL_DATA_DETECTED');
  });
});
