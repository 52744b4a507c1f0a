import { describe, expect, it } from 'vitest';
import { secureRandom } from '../ports/random.js';
import { createAesGcmCipher } from './aes-gcm-cipher.js';
import { associatedData, createPayloadSealer } from './payload-sealer.js';

// The sealer writes a payload's associated data (its stream and event id) into a reused buffer,
// ASCII by a loop of its own. Whatever the names hold, the bytes bound must be exactly the
// UTF-8 of `stream NUL eventId`: a payload sealed by one writer must open with another's bytes,
// and must not open once moved to another stream or id.
const contexts = [
  { name: 'ASCII', stream: 'tally-2025-03-9f2c', eventId: '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e30' },
  {
    name: 'a stream ending in ö',
    stream: 'tally-2025-03-9f2c-ö',
    eventId: '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e30',
  },
  { name: 'an id with ä', stream: 'tally-2025-03-9f2c', eventId: 'händelse-1' },
  { name: 'a surrogate pair', stream: 'å', eventId: '😀' },
  { name: 'empty', stream: '', eventId: '' },
  { name: 'longer than the buffer', stream: 'x'.repeat(700), eventId: 'y'.repeat(400) },
];

describe('createPayloadSealer: associated data', () => {
  it.each(contexts)(
    'binds the UTF-8 bytes of the stream and event id ($stream.length, $eventId.length characters)',
    (context) => {
      const cipher = createAesGcmCipher();
      const key = secureRandom.bytes(32);
      const plaintext = new TextEncoder().encode('{"secret":1}');
      const sealed = createPayloadSealer(cipher, key).seal(plaintext, context);
      const opened = cipher.decrypt(key, sealed, associatedData(context));
      expect(opened === undefined ? undefined : Buffer.from(opened).toString('utf8')).toBe('{"secret":1}');
      const sealedByBytes = cipher.encrypt(key, plaintext, associatedData(context));
      expect(createPayloadSealer(cipher, key).open(sealedByBytes, context)).toBeDefined();
    },
  );

  it('refuses a payload moved to another stream or given another id', () => {
    const cipher = createAesGcmCipher();
    const key = secureRandom.bytes(32);
    const sealer = createPayloadSealer(cipher, key);
    const { stream, eventId } = contexts[0] as (typeof contexts)[number];
    const context = { stream, eventId };
    const sealed = sealer.seal(new Uint8Array([1, 2, 3]), context);
    expect(sealer.open(sealed, { ...context, stream: `${context.stream}0` })).toBeUndefined();
    expect(sealer.open(sealed, { ...context, eventId: context.eventId.replace('0', '1') })).toBeUndefined();
    // A longer name written before leaves bytes in the buffer: they must not be bound again.
    const long = contexts[5] as (typeof contexts)[number];
    sealer.seal(new Uint8Array([9]), { stream: long.stream, eventId: long.eventId });
    expect(sealer.open(sealed, context)).toBeDefined();
  });
});
