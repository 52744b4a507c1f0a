/*
 * ATTACK 6 — personal data past the guard, written so a person still reads it.
 *
 * Attacker: a user of the public API (a counsellor's app, a catalogue author) who wants a
 * personnummer, phone number or e-mail address kept, or who types it the way people do. No
 * privileges; input goes through `CommandService.writeNote` / `adoptCatalogue` only.
 *
 * Claim attacked (README, docs/embedding.md "Showing refusals", docs/privacy-at-rest.md): input
 * holding a personnummer, samordningsnummer, phone number or e-mail address "however it is
 * written (other digit systems, invisible characters, escapes, `(at)` spellings)" is refused
 * with PERSONAL_DATA_DETECTED; "any dash or space"; "combining marks on a digit dropped";
 * storage keeps "never a form the scan did not see".
 *
 * Breaks found (each case below is stored today and read back by `readNotes` with the number
 * in it):
 *  1. An HTML numeric entity prefix swallows the date part: `&#811218-9876` is decoded for the
 *     scan into U+C60D2 followed by `-9876` — but it is stored as written, so the note (or a
 *     catalogue name, stored in clear) holds the digits 811218-9876 the scan never saw.
 *  2. An at sign in brackets, `lisa.berg[@]exempel.se` / `(@)` / `{@}` / `<@>`: the spelled
 *     forms `(at)` and `[at]` are refused, the bracketed sign itself is not.
 *  3. Blank look-alikes that are neither Z nor Cf/Default_Ignorable: U+2800 BRAILLE PATTERN
 *     BLANK between the groups (renders as a space).
 *  4. Look-alikes of the separators the guard accepts ('.', '/'): MIDDLE DOT, KATAKANA MIDDLE
 *     DOT, DIVISION SLASH, FRACTION SLASH.
 *  5. A dash with a combining mark on it (`811218-\u03019876`), and a doubled dash with spaces
 *     (`811218 -- 9876`).
 *
 * Secure behaviour expected: every one of these is refused PERSONAL_DATA_DETECTED and nothing
 * is written (the count of stored events does not change). These tests FAIL today.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Attacked, adoptionNaming, noteAttempt, attacked as target } from './service-under-attack.js';

// 811218-9876 and 850709-9383 pass the Luhn check (the project's own fixture numbers).
const BYPASSES: readonly (readonly [string, string])[] = [
  ['HTML entity prefix swallows the date part', 'Pappans pnr &#811218-9876, ring inte.'],
  ['HTML entity prefix, glued to a word', 'nr&#850709-9383'],
  ['at sign in square brackets', 'Mejla lisa.berg[@]exempel.se'],
  ['at sign in round brackets', 'Mejla lisa.berg(@)exempel.se'],
  ['at sign in braces', 'lisa.berg{@}exempel.se'],
  ['Braille blank as the space', 'pnr 811218\u28009876'],
  ['Braille blanks in a phone number', 'ring 070\u2800123\u280045\u280067'],
  ['middle dot as separator', 'pnr 811218\u00b79876'],
  ['katakana middle dot as separator', 'pnr 811218\u30fb9876'],
  ['division slash as separator', 'pnr 81\u221512\u221518-9876'],
  ['fraction slash as separator', 'pnr 81\u204412\u204418-9876'],
  ['combining acute on the dash', 'pnr 811218-\u03019876'],
  ['doubled dash with spaces', 'pnr 811218 -- 9876'],
];

describe('attack 6: personal data written past the guard is still refused', () => {
  let attacked: Attacked;
  beforeAll(async () => {
    attacked = await target();
  });

  it.each(BYPASSES)('%s: a working note %j is refused and nothing is stored', async (_how, text) => {
    const { code, stored } = await noteAttempt(attacked, text);
    expect(code).toBe('PERSONAL_DATA_DETECTED');
    expect(stored).toBe(0);
  });

  it('an HTML-entity-prefixed personnummer in a catalogue name is not stored in clear', async () => {
    const { code, storedText } = await adoptionNaming('Rådgivning &#811218-9876');
    expect(storedText.includes('811218-9876'), 'the personnummer is in the clear catalogue stream').toBe(
      false,
    );
    expect(code).toBe('PERSONAL_DATA_DETECTED');
  });
});
