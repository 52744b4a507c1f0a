import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveEventId, keyedEventId } from './event-id.js';

/** A version 8 UUID from a digest's first 16 bytes, spelled as the ids have always been spelled. */
function uuidOf(digest: Buffer): string {
  digest[6] = ((digest[6] as number) & 0x0f) | 0x80;
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// Ids already stored must be derived again unchanged: a retry is recognised by its ids.
describe('event ids', () => {
  it('a public stream’s id is the version 8 UUID of SHA-256(command id, stream, index)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ maxLength: 80 }), fc.nat(1000), (commandId, stream, index) => {
        const digest = createHash('sha256').update(`${commandId}\u0000${stream}\u0000${index}`).digest();
        expect(deriveEventId(commandId, stream, index)).toBe(uuidOf(digest));
      }),
      { numRuns: 500 },
    );
  });

  it('a private stream’s id is the version 8 UUID of HMAC(naming key, command id, index)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uuid(),
        fc.nat(1000),
        (key, commandId, index) => {
          const digest = createHmac('sha256', key).update(`event\u0000${commandId}\u0000${index}`).digest();
          expect(keyedEventId(key, commandId, index)).toBe(uuidOf(digest));
        },
      ),
      { numRuns: 500 },
    );
  });
});
