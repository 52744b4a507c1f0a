/*
 * ATTACK 6 — a personnummer split over THREE working notes of one series.
 *
 * Attacker: a user of the public API (`writeNote`), no privileges. The series' notes are read
 * back together (`readNotes`), by anyone holding the token, for as long as the series is open.
 *
 * Claim attacked (docs/embedding.md, docs/privacy-at-rest.md): working notes "refuse personal
 * identity numbers … without echoing them"; "a number split over two notes is found"
 * (`findPersonalDataAcrossNotes`, last 32 characters of the previous note).
 *
 * The break: the service reads a new note only with the tail of the ONE previous note. With a
 * middle note shorter than the number's pieces — "… 8112", "18-", "9876 …" — no check ever sees
 * more than six digits of it, yet `readNotes` hands back the three notes in order and the
 * personnummer 811218-9876 reads straight off them (the guard itself finds it in the notes
 * joined). Secure behaviour expected: the tail the next note is read with is the last characters
 * of the series' notes together (not of the last note alone), so the third note is refused with
 * PERSONAL_DATA_DETECTED and no series' notes, read back together, hold a personnummer.
 * This test FAILS today.
 */
import { findPersonalData } from '@pinnstatistik/core';
import { describe, expect, it } from 'vitest';
import { attacked } from './service-under-attack.js';

describe('attack 6: a personnummer split over three notes', () => {
  it('is refused: the notes of a series, read back together, never hold one', async () => {
    const { service, token } = await attacked();

    const pieces = ['Mamman gav sitt pnr 8112', '18-', '9876 men vill inte att det sparas.'];
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
    const readBack = notes._tag === 'Right' ? notes.right.map((note) => note.text).join('\n') : '';

    // What anyone reading the series sees (the guard's own verdict on the notes read together).
    expect(findPersonalData(readBack), `notes read back: ${JSON.stringify(readBack)}`).toBeUndefined();
    expect(codes).toContain('PERSONAL_DATA_DETECTED');
  });
});
