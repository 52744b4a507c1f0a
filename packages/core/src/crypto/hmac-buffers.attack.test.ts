import { createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The one-shot HMAC keeps two module-level buffers (the inner pad with the message, the outer
// pad with the inner hash) and grows the first for long messages. Held here: the same bytes as
// node's HMAC for keys of any length and messages as text or bytes (past the buffer's growth),
// and every module buffer — the grown ones and the ones they replaced — all zeros after each call.

let hmacSha256: (key: Uint8Array, message: string | Uint8Array) => Buffer;
let deriveSubkeys: (key: Uint8Array) => { encryption: Uint8Array; naming: Uint8Array };
const moduleBuffers: Buffer[] = [];
const alloc = Buffer.alloc.bind(Buffer);
// Every buffer hmac.ts allocates, at load and when a long message grows its inner buffer.
const watched = vi.spyOn(Buffer, 'alloc').mockImplementation((...args: Parameters<typeof Buffer.alloc>) => {
  const buffer = alloc(...args);
  if (new Error().stack?.includes('hmac.ts') === true) moduleBuffers.push(buffer);
  return buffer;
});

beforeAll(async () => {
  vi.resetModules(); // loaded afresh, so its module buffers are allocated under watch
  ({ hmacSha256 } = await import('./hmac.js'));
  ({ deriveSubkeys } = await import('./key-derivation.js'));
  expect(moduleBuffers.length).toBe(2);
});
afterAll(() => watched.mockRestore());

const allZero = (): boolean => moduleBuffers.every((buffer) => buffer.every((byte) => byte === 0));

describe('the one-shot HMAC over reused buffers', () => {
  it('equals node’s HMAC for keys and messages of any length, and leaves its buffers zeroed', () => {
    const message = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.uint8Array({ maxLength: 100 }),
      fc.string({ unit: 'binary', minLength: 300, maxLength: 1500 }),
      fc.uint8Array({ minLength: 900, maxLength: 5000 }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), message, (key, text) => {
        const expected = createHmac('sha256', key).update(text).digest();
        expect(hmacSha256(key, text).equals(expected)).toBe(true);
        expect(allZero()).toBe(true);
      }),
      { numRuns: 400 },
    );
    expect(moduleBuffers.length).toBeGreaterThan(2); // the inner buffer grew at least once
  });

  it('derives HKDF subkeys as hkdfSync does and leaves no stored key in its buffers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 2000 }), (key) => {
        const { encryption, naming } = deriveSubkeys(key);
        const node = (purpose: string) =>
          new Uint8Array(hkdfSync('sha256', key, new Uint8Array(0), `pinnstatistik/${purpose}`, 32));
        expect(encryption).toEqual(node('encryption'));
        expect(naming).toEqual(node('naming'));
        expect(allZero()).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
