/*
 * ATTACK 9 — a personnummer split over three working notes, with prose notes between the parts.
 *
 * Attacker: a user of `writeNote`; the notes are read back together (`readNotes`).
 * Claim attacked (docs/embedding.md): a note is read after the series' last 32 characters and
 * "its first number after the series' last number, whatever prose stands between them"; the only
 * documented miss is a number split "with another number (a date, a single digit) written
 * between its parts".
 *
 * Break: the pieces 8112 | 18-98 | 76, each in its own note, with a prose note (over 32
 * characters, no digit) after each piece. Each check sees only two neighbouring pieces
 * (8112 + 18-98 is 8 digits; 18-98 + 76 is 6): no check ever sees the whole number, and no
 * other number stands between the parts. Read back, the notes show 8112 18-98 76 = 811218-9876.
 *
 * Secure behaviour expected: some note of the sequence is refused PERSONAL_DATA_DETECTED.
 *
 * Outcome: the rule this attack leans on ("its first number after the series' last number,
 * whatever prose stands between them") was removed — it refused a compact date in one note and
 * a clock time in the next (attack9-false-positives). A number split over notes with more than
 * the 32-character look-back of prose between its parts is a documented limit
 * (docs/embedding.md): this case asserts that limit, that the notes ARE stored.
 */
import { findPersonalData } from '@pinnstatistik/core';
import { expect, it } from 'vitest';
import { attacked, uuid } from './service-under-attack.js';

it('attack 9: a personnummer in three parts, prose notes between them, is stored: the documented limit', async () => {
  const target = await attacked();
  const pieces = [
    'Mammans personnummer börjar 8112',
    'Resten skriver jag i nästa anteckning, del för del.',
    'Fortsättning: 18-98',
    'Och den sista delen kommer i anteckningen efter denna.',
    'Slut: 76',
  ];
  const codes: string[] = [];
  for (const text of pieces) {
    const written = await target.service.writeNote({
      type: 'WriteNote',
      token: target.token,
      commandId: uuid(),
      text,
    });
    codes.push(written._tag === 'Left' ? written.left.code : 'WRITTEN');
  }
  const notes = await target.service.readNotes({ token: target.token });
  const readBack = notes._tag === 'Right' ? notes.right.map((note) => note.text) : [];
  // What a reader of the series sees, the prose notes skipped: the guard itself finds it.
  const digits = readBack.filter((_, index) => index % 2 === 0).map((text) => text.replace(/^.*?(?=\d)/, ''));
  expect(digits).toEqual(['8112', '18-98', '76']);
  expect(findPersonalData(digits.join(' '))).toBe('personnummer');
  // Documented limit: each check sees only the last 32 characters before a note.
  expect(codes).toEqual(['WRITTEN', 'WRITTEN', 'WRITTEN', 'WRITTEN', 'WRITTEN']);
});
