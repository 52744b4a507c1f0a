import { describe, expect, it } from 'vitest';
import { padTo, unpad } from './padding.js';

// `unpad` scans a padded plaintext's zero tail as 32-bit words through one view of the last
// buffer it saw (a decrypting caller reuses one buffer for every event). Views at other offsets
// of that buffer, and other buffers in between, must each be read as themselves.

const text = (length: number, fill: number): Uint8Array => new Uint8Array(length).fill(fill);

describe('unpad', () => {
  it('reads views at different offsets of one buffer, and other buffers between them, each as itself', () => {
    const shared = new Uint8Array(4096);
    const first = shared.subarray(0, 1024);
    first.set(padTo(text(3, 7), 1024));
    const second = shared.subarray(2048, 2048 + 512);
    second.set(padTo(text(250, 9), 512));
    const other = padTo(text(1000, 5), 1024);

    expect(unpad(first)).toEqual(text(3, 7));
    expect(unpad(other)).toEqual(text(1000, 5));
    expect(unpad(second)).toEqual(text(250, 9));
    // The tail of `first` is not read as the zeros after `second`, nor the other way round.
    shared.fill(1, 1024, 2048);
    expect(unpad(first)).toEqual(text(3, 7));
    expect(unpad(second)).toEqual(text(250, 9));
  });

  it('reads unaligned views and odd lengths byte by byte', () => {
    const shared = new Uint8Array(2048);
    const odd = shared.subarray(3, 3 + 777);
    odd.set(padTo(text(100, 4), 777));
    expect(unpad(odd)).toEqual(text(100, 4));
  });

  it('refuses a plaintext with no marker, and one whose last non-zero byte is not the marker', () => {
    expect(unpad(new Uint8Array(1024))).toBeUndefined();
    const broken = padTo(text(10, 2), 64);
    broken[40] = 1;
    expect(unpad(broken)).toBeUndefined();
  });
});
