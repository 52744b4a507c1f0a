import { MAX_NOTE_LENGTH } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { serviceWithSeries } from './series-fixture.js';

// f544764 claims the padded sizes bound every event the service writes on a private stream,
// series included, so that no valid command makes sealing throw a RangeError. A working note
// is a series event, padded to the smallest of 512, 2,048 and 16,384 bytes; the largest is
// sized for MAX_NOTE_LENGTH characters "even if every character needs a six-byte JSON escape"
// (padding-policy.ts). But the note is stored as normaliseForStorage left it: NFKC, which
// expands some single characters into many. U+FDFA (ﷺ, a common Arabic honorific written as
// one ligature) becomes 18 characters, 33 bytes of UTF-8 — so about 500 of them, a quarter of
// the length the schema allows, make a note no padded size holds.

const uuid = (n: number): string => `a0de0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('a working note that NFKC expands past the largest padded size', () => {
  it('is answered (a refusal or a receipt), never thrown as a RangeError', async () => {
    const { service, token } = await serviceWithSeries(uuid);
    const text = `Samtal med pappan. ${'\ufdfa'.repeat(500)}`;
    expect(text.length).toBeLessThan(MAX_NOTE_LENGTH);
    const written = service.writeNote({
      type: 'WriteNote',
      commandId: uuid(2),
      token,
      text,
    });
    const answer = await written;
    expect(E.isLeft(answer) && answer.left.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(answer)).not.toContain('\ufdfa');
    expect(JSON.stringify(answer)).not.toContain('pappan');
    // The same note within the limit once normalised is written.
    const fits = await service.writeNote({
      type: 'WriteNote',
      commandId: uuid(3),
      token,
      text: `Samtal med pappan. ${'\ufdfa'.repeat(100)}`,
    });
    expect(E.isRight(fits)).toBe(true);
  });
});
