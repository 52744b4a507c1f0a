import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createXChaChaCipher, type SodiumNative } from './xchacha-cipher.js';

// The cipher copies each opening's nonce into one buffer of its own and hands out one view of the
// caller's buffer while the length repeats (two fresh views per event cost ≈ 1 % of a rebuild).
// Neither may carry anything from one opening to the next: every event is opened with its own
// nonce, into the buffer it was given, at its own length.

const sodium = createRequire(import.meta.url)('sodium-native') as SodiumNative;
const cipher = createXChaChaCipher(sodium);
const key = new Uint8Array(32).fill(7);
const ad = new Uint8Array([1, 2, 3]);
const plaintext = (length: number, fill: number): Uint8Array => new Uint8Array(length).fill(fill);

describe('XChaCha20-Poly1305 openings in a row', () => {
  it('open each event at its own length, with its own nonce, into the buffer each was given', () => {
    const events = [
      { plain: plaintext(1024, 1) },
      { plain: plaintext(1024, 2) },
      { plain: plaintext(512, 3) },
      { plain: plaintext(1024, 4) },
    ].map(({ plain }) => ({ plain, sealed: cipher.encrypt(key, plain, ad).slice() }));
    const one = new Uint8Array(4096);
    const other = new Uint8Array(4096);
    for (const [index, { plain, sealed }] of events.entries()) {
      const into = index % 2 === 0 ? one : other;
      const opened = cipher.decrypt(key, sealed, ad, into);
      expect(opened).toEqual(plain);
      expect(opened?.buffer).toBe(into.buffer);
    }
    // The same buffer again at the same length: the view still shows this event's plaintext.
    const again = cipher.decrypt(key, events[0]?.sealed as Uint8Array, ad, one);
    expect(again).toEqual(events[0]?.plain);
  });

  it('refuse an event whose nonce was changed, right after opening the same bytes unchanged', () => {
    const sealed = cipher.encrypt(key, plaintext(1024, 9), ad).slice();
    const into = new Uint8Array(2048);
    expect(cipher.decrypt(key, sealed, ad, into)).toBeDefined();
    const moved = sealed.slice();
    moved[5] = (moved[5] as number) ^ 1;
    expect(cipher.decrypt(key, moved, ad, into)).toBeUndefined();
    // And the genuine bytes still open afterwards.
    expect(cipher.decrypt(key, sealed, ad, into)).toEqual(plaintext(1024, 9));
  });
});
