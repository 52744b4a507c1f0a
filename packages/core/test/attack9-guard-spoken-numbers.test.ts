/*
 * ATTACK 9 — numbers as a Swede says them, and other ways of writing them the guard does not read.
 *
 * Attacker: any user of the public API (writeNote, a catalogue's names). Claim attacked
 * (docs/embedding.md, "Input that looks like a personnummer"): no personnummer (811218-9876, a
 * valid Luhn), Swedish phone number or e-mail address is stored in free text, however written —
 * except letters for digits (8ll2l8) and a number split over notes around another number.
 *
 * Breaks (each stored before this test): the guard reads only the ten single number words
 * `noll`…`nio`, so a personnummer read aloud in pairs (how it is said: "åttioett tolv arton"),
 * the words `en` and `nolla`, English number words, "minus" for the dash, runs of six or more
 * dots/underscores between the groups, and an at sign written `(a)`, `ⓐ`, `#at#`, `~at~` or
 * `snabela` all pass. None is "letters for digits".
 *
 * Secure behaviour expected: each is refused PERSONAL_DATA_DETECTED at every free-text entry.
 */
import { describe, expect, it } from 'vitest';
import { attacked, ENTRY_POINTS } from './service-under-attack.js';

const FREE_TEXT = ENTRY_POINTS.filter(
  (entry) => entry.name.startsWith('writeNote') || entry.name.startsWith('adoptCatalogue'),
);

async function codes(text: string): Promise<string[]> {
  const target = await attacked();
  const out: string[] = [];
  for (const entry of FREE_TEXT) {
    const sent = await entry.send(target, text);
    out.push(`${entry.name}: ${sent._tag === 'Left' ? sent.left.code : 'STORED'}`);
  }
  return out;
}

const expectRefused = async (text: string) => {
  for (const line of await codes(text)) expect(line).toMatch(/PERSONAL_DATA_DETECTED$/);
};

describe('attack 9: numbers in words the guard does not read', () => {
  it('a personnummer read aloud in pairs (tens words)', () =>
    expectRefused('Mammans pnr åttioett tolv arton, nittioåtta sjuttiosex.'));
  it('a mobile number with "sjuttio" among single number words', () =>
    expectRefused('Ring mamman på noll sjuttio ett två tre fyra fem sex sju.'));
  it('"en" for one', () => expectRefused('Pnr åtta en en två en åtta - nio åtta sju sex.'));
  it('"nolla" for zero', () => expectRefused('Ring nolla sju nolla ett två tre fyra fem sex sju.'));
  it('English number words', () => expectRefused('Pnr eight one one two one eight - nine eight seven six.'));
  it('"minus" for the dash', () => expectRefused('Pnr 811218 minus 9876.'));
});

describe('attack 9: separator runs longer than five', () => {
  it('six dots', () => expectRefused('Pnr 811218 ...... 9876.'));
  it('seven underscores', () => expectRefused('Pnr 811218 _______ 9876.'));
  it('spaced slashes', () => expectRefused('Pnr 811218 / / / / 9876.'));
  it('a mobile number after eight dots', () => expectRefused('Ring 070........1234567.'));
});

describe('attack 9: at signs the guard does not read', () => {
  it('(a)', () => expectRefused('Mejl anna.svensson(a)exempel.se'));
  it('circled a', () => expectRefused('Mejl anna.svensson ⓐ exempel.se'));
  it('#at#', () => expectRefused('Mejl anna.svensson #at# exempel.se'));
  it('~at~', () => expectRefused('Mejl anna.svensson ~at~ exempel.se'));
  it('snabela', () => expectRefused('Mejl anna.svensson snabela exempel.se'));
});
