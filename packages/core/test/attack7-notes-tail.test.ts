/*
 * ATTACK 7 — a personnummer split over working notes, past the 32-character tail the vault
 * reads a new note with.
 *
 * Attacker: a user of the public API (`writeNote`), no privileges. The series' notes are read
 * back together (`readNotes`), by anyone holding the token, while the series is open.
 *
 * Claim attacked: "a number split across notes is found" — after attack 6 the vault reads a new
 * note with the last NOTE_TAIL_LENGTH (32) characters of the series' notes joined, so a short
 * middle note no longer hides it.
 *
 * Breaks:
 *  1. The tail is counted in STORED characters, but the scan drops every combining mark. A
 *     middle note made of combining marks only (stored as written: `normaliseForStorage` drops a
 *     mark only directly after a digit) is visually empty yet fills the whole 32-character
 *     tail, so the third note "-9876" is read with nothing but marks before it. Read back:
 *     "Mammans pnr 811218", "́́́…", "-9876".
 *  2. A middle note of ordinary prose longer than 32 characters does the same ("the rest of
 *     the number comes in the next note"): no check ever sees both halves, and the reader of
 *     the series does. Since attack 9 this is a documented limit again (joining numbers over
 *     any prose refused a date followed by a clock time): the case asserts it is stored.
 * In both, the guard itself finds the personnummer in the notes as read back (joined with
 * line breaks, or with the middle note removed as a reader skips it).
 *
 * Secure behaviour expected: some note of the sequence is refused PERSONAL_DATA_DETECTED, so
 * the notes of a series, read back, never hold a personnummer. Break 1 failed before this
 * round's fix (the look-back is counted as the scan reads it); break 2 is the documented limit.
 */
import { findPersonalData } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { attacked } from './service-under-attack.js';

async function writeNotes(pieces: readonly string[]) {
  const { service, token } = await attacked();
  const codes: string[] = [];
  for (const text of pieces) {
    const written = await service.writeNote({
      type: 'WriteNote',
      token,
      commandId: crypto.randomUUID(),
      text,
    });
    codes.push(written._tag === 'Left' ? written.left.code : 'WRITTEN');
  }
  const notes = await service.readNotes({ token });
  const texts = notes._tag === 'Right' ? notes.right.map((note) => note.text) : [];
  return { codes, texts };
}

describe('attack 7: a personnummer split over notes past the tail', () => {
  it('a visually empty middle note of combining marks does not hide the split', async () => {
    const marks = '\u0301'.repeat(40);
    const { codes, texts } = await writeNotes(['Mammans pnr 811218', marks, '-9876']);
    // What a reader of the series sees, the invisible note skipped: the guard's own verdict.
    const visible = texts.filter((text) => /\p{L}|\p{N}|-/u.test(text)).join('');
    expect(findPersonalData(visible), `notes read back: ${JSON.stringify(texts)}`).toBeUndefined();
    expect(codes).toContain('PERSONAL_DATA_DETECTED');
  });

  it('a middle note of prose longer than the tail hides the split: the documented limit', async () => {
    // Documented limit (docs/embedding.md): a note is read after the last 32 characters of the
    // series' notes only. Joining a note's first number with the series' last number over any
    // prose refused ordinary notes (a compact date, then a clock time in the next note, passes
    // the check digit one time in ten: attack 9), so that rule was removed and this split is
    // stored. The assertion records the limit honestly; it is not a claim that it is safe.
    const { codes, texts } = await writeNotes([
      'Mammans pnr börjar 811218',
      '(slutsiffrorna skriver jag i nästa anteckning, hon ville inte säga dem högt)',
      'slutsiffror: -9876',
    ]);
    const firstAndLast = `${texts[0] ?? ''}${texts[2]?.replace('slutsiffror: ', '') ?? ''}`;
    expect(findPersonalData(firstAndLast)).toBe('personnummer');
    expect(codes).toEqual(['WRITTEN', 'WRITTEN', 'WRITTEN']);
  });
});
