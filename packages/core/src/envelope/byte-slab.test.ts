import { describe, expect, it } from 'vitest';
import { slabBytes } from './byte-slab.js';

describe('slabBytes', () => {
  it('gives zeroed views that never overlap: writing one leaves every other as it was', () => {
    const views = Array.from({ length: 400 }, (_, index) => slabBytes(1 + ((index * 37) % 1100)));
    views.forEach((view, index) => {
      expect(view.every((byte) => byte === 0)).toBe(true);
      view.fill((index % 255) + 1);
    });
    views.forEach((view, index) => {
      expect(view.every((byte) => byte === (index % 255) + 1)).toBe(true);
      expect(view.byteOffset % 8).toBe(0);
    });
  });

  it('gives a large request a buffer of its own', () => {
    const large = slabBytes(9000);
    expect(large.byteOffset).toBe(0);
    expect(large.buffer.byteLength).toBe(9000);
  });
});
