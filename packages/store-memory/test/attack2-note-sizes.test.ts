import { type CommandService, MAX_NOTE_LENGTH } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { serviceWithSeries } from './series-fixture.js';

// 1bdc999: a working note is refused INVALID_INPUT when its stored (NFKC) form is longer than
// MAX_NOTE_LENGTH, and largestEvents bounds every note against the 16,384-byte bucket — so
// every note is answered, a receipt or a refusal, never an exception from sealing it.

const uuid = (n: number): string => `a2de0000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const seriesService = () => serviceWithSeries(uuid);

let next = 10;
async function write(service: CommandService, token: string, text: string): Promise<string> {
  next += 1;
  try {
    const written = await service.writeNote({ type: 'WriteNote', commandId: uuid(next), token, text });
    return E.isRight(written) ? 'written' : written.left.code;
  } catch (error) {
    return `thrown: ${(error as Error).message}`;
  }
}

describe('a working note holding half of an emoji (a lone surrogate, as a client cutting text at 2,000 code units sends)', () => {
  it('is answered with a refusal or a receipt, never thrown from sealing', async () => {
    const { service, token } = await seriesService();
    const cut = `Samtal med pappan, glad ${'\u{1F600}'}`.slice(0, -1); // the emoji's high half only
    expect(await write(service, token, cut)).toMatch(/^(INVALID_INPUT|written)$/);
  });
});

describe('working notes at the limit in their heaviest encodings', () => {
  it('are written at exactly MAX_NOTE_LENGTH stored characters, and refused one past it', async () => {
    const { service, token } = await seriesService();
    const heaviest = {
      // three UTF-8 bytes per character, the most a stored character takes
      cjk: '\u4e00'.repeat(MAX_NOTE_LENGTH),
      // two-byte JSON escapes (control characters are stored as spaces, so never six bytes)
      quotes: '"'.repeat(MAX_NOTE_LENGTH),
      backslashes: '\\'.repeat(MAX_NOTE_LENGTH),
      lineBreaks: `a${'\n'.repeat(MAX_NOTE_LENGTH - 2)}b`,
      // four bytes per pair of code units
      emoji: '\u{1F600}'.repeat(MAX_NOTE_LENGTH / 2),
      // NFKC expansions landing exactly on the limit: U+FDFA is 18 characters
      ligature: `${'\ufdfa'.repeat(111)}ab`,
      // a base with every combining mark it may carry
      combining: `a${'\u0301'.repeat(MAX_NOTE_LENGTH - 1)}`,
    };
    for (const text of Object.values(heaviest)) expect(await write(service, token, text)).toBe('written');
    // One past the limit once normalised: ligatures (ﬃ: 3), units (㎓: 3), U+FDFA (18).
    for (const text of [`${'\ufdfa'.repeat(111)}abc`, '\ufb03'.repeat(700), '\u3393'.repeat(700)])
      expect(await write(service, token, text)).toBe('INVALID_INPUT');
    expect(await service.readNotes({ token })).toSatisfy(E.isRight);
  });
});
