/*
 * ATTACK 9 — ordinary working notes the guard refuses (false positives are defects too).
 *
 * Claim attacked (docs/embedding.md): "Times (0930-1100), dates and date ranges, amounts and
 * counts are not personal data"; a working note is read "with its first number after the
 * series' last number, whatever prose stands between them".
 *
 * Breaks:
 *  1. A compact date (YYMMDD, how Swedish offices write dates) in one note and a clock time in
 *     the next, with prose between, is refused as a personnummer whenever date + time happen to
 *     pass the Luhn check (about one in ten: 234 of 2,352 date/time pairs Jan–Jun 2025 tried).
 *     The same two sentences in ONE note are accepted ("kl" between them): the across-notes
 *     join is stricter than the note itself.
 *  2. A list of weeks is refused as a personnummer.
 *
 * Secure behaviour expected: these ordinary notes are written.
 */
import { describe, expect, it } from 'vitest';
import { attacked, uuid } from './service-under-attack.js';

async function write(texts: readonly string[]): Promise<string[]> {
  const target = await attacked();
  const codes: string[] = [];
  for (const text of texts) {
    const written = await target.service.writeNote({
      type: 'WriteNote',
      token: target.token,
      commandId: uuid(),
      text,
    });
    codes.push(written._tag === 'Left' ? written.left.code : 'WRITTEN');
  }
  return codes;
}

describe('attack 9: ordinary notes refused', () => {
  it('the same sentences in one note are accepted (control)', async () => {
    expect(
      await write([
        'Hembesök bokat till 250102, båda föräldrarna kommer. Ringde förskolan kl 1030 om hämtningen.',
      ]),
    ).toEqual(['WRITTEN']);
  });
  it('a compact date in one note, a clock time in the next', async () => {
    expect(
      await write([
        'Hembesök bokat till 250102, båda föräldrarna kommer.',
        'Ringde förskolan kl 1030 om hämtningen.',
      ]),
    ).toEqual(['WRITTEN', 'WRITTEN']);
  });
  it('another date and time (250101, 0900)', async () => {
    expect(await write(['Nästa möte 250101.', 'Kl 0900 kommer mamman med båda barnen.'])).toEqual([
      'WRITTEN',
      'WRITTEN',
    ]);
  });
  it('a list of weeks', async () => {
    expect(await write(['Gruppen träffas v. 10 11 12 13 14 15 16, tisdagar.'])).toEqual(['WRITTEN']);
  });
});
