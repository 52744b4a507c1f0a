import { describe, expect, it } from 'vitest';
import { sealPadded } from './padded-plaintext.js';
import { PaddedSizeExceeded } from './padding.js';

const SECRET = '{"data":{"note":"Anna, 12 år, bor hos mormor"}}';

describe('sealPadded', () => {
  it('hands the cipher the text padded to its size, and zeroes that plaintext when the seal returns', () => {
    let seen: Uint8Array | undefined;
    let copy: Uint8Array | undefined;
    const sealed = sealPadded(
      SECRET,
      () => 128,
      (padded) => {
        seen = padded; // a careless cipher keeping the plaintext it was given
        copy = Uint8Array.from(padded);
        return new Uint8Array([1, 2, 3]);
      },
    );
    expect([...sealed]).toEqual([1, 2, 3]);
    const length = Buffer.byteLength(SECRET);
    expect(copy?.length).toBe(128);
    expect(Buffer.from(copy?.subarray(0, length) ?? []).toString('utf8')).toBe(SECRET);
    expect(copy?.[length]).toBe(0x80);
    expect(copy?.subarray(length + 1).every((byte) => byte === 0)).toBe(true);
    // What the cipher kept is zeros now: no plaintext is left in the buffer after the seal.
    expect(seen?.every((byte) => byte === 0)).toBe(true);
  });

  it('zeroes the plaintext when the seal throws, and the next seal still starts from zeros', () => {
    let seen: Uint8Array | undefined;
    expect(() =>
      sealPadded(
        SECRET,
        () => 256,
        (padded) => {
          seen = padded;
          throw new Error('cipher fault');
        },
      ),
    ).toThrow('cipher fault');
    expect(seen?.every((byte) => byte === 0)).toBe(true);
    let tail: Uint8Array | undefined;
    sealPadded(
      'x',
      () => 256,
      (padded) => {
        tail = Uint8Array.from(padded.subarray(2));
        return new Uint8Array(0);
      },
    );
    expect(tail?.every((byte) => byte === 0)).toBe(true);
  });

  it('a seal within a seal gets a buffer of its own: neither plaintext overwrites the other', () => {
    const texts: string[] = [];
    sealPadded(
      'outer-plaintext',
      () => 64,
      (outer) => {
        sealPadded(
          'inner',
          () => 64,
          (inner) => {
            texts.push(Buffer.from(inner.subarray(0, 5)).toString('utf8'));
            return new Uint8Array(0);
          },
        );
        texts.push(Buffer.from(outer.subarray(0, 15)).toString('utf8'));
        return new Uint8Array(0);
      },
    );
    expect(texts).toEqual(['inner', 'outer-plaintext']);
  });

  it('refuses a text that does not fit its size, sealing nothing', () => {
    let sealed = 0;
    expect(() =>
      sealPadded(
        'ä'.repeat(40),
        () => 80,
        () => {
          sealed += 1;
          return new Uint8Array(0);
        },
      ),
    ).toThrow(PaddedSizeExceeded);
    expect(sealed).toBe(0);
  });
});
