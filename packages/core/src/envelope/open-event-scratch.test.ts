import { describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import type { Cipher } from '../crypto/cipher.js';
import { createPayloadSealer } from '../crypto/payload-sealer.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { secureRandom } from '../ports/random.js';
import { GENESIS_HASH } from './event-hash.js';
import { openEvent } from './open-event.js';
import { type PayloadSealer, sealEvent } from './seal-event.js';

// Private payloads are decrypted into one buffer reused for every event. What an attacker with
// a heap snapshot of the process could read there afterwards: nothing — the buffer is zeroed
// once each event is read, whether it opened or turned out malformed.

/** AES-GCM that, given a buffer to decrypt into, writes there (as sodium does) and remembers it. */
function watchingCipher(): { cipher: Cipher; buffers: Uint8Array[] } {
  const aes = createAesGcmCipher();
  const buffers: Uint8Array[] = [];
  return {
    buffers,
    cipher: {
      algorithm: aes.algorithm,
      encrypt: (key, plaintext, associatedData) => aes.encrypt(key, plaintext, associatedData),
      decrypt(key, sealed, associatedData, into) {
        const plain = aes.decrypt(key, sealed, associatedData);
        if (plain === undefined || into === undefined) return plain;
        buffers.push(into);
        into.set(plain);
        return into.subarray(0, plain.length);
      },
    },
  };
}

const stream = 'tally-2025-03-abc';
const SECRET = 'rad-och-stod-secret-marker';

/** A private event sealed with `cipher`; with `unpadded`, its plaintext lacks the padding marker. */
function sealed(cipher: Cipher, unpadded = false): { recorded: RecordedEvent; sealer: PayloadSealer } {
  const sealer = createPayloadSealer(cipher, secureRandom.bytes(32));
  const id = '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e30';
  const { event } = sealEvent(
    stream,
    0,
    GENESIS_HASH,
    {
      id,
      type: 'ContactTallied',
      data: { interventionId: SECRET },
      meta: { commandId: '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e3f' },
    },
    { sealer, paddedSize: () => 512 },
  );
  const recorded: RecordedEvent = { ...event, stream, revision: 0, position: '1' };
  if (!unpadded) return { recorded, sealer };
  // It decrypts under its key, but its last non-zero byte is no padding marker.
  const plain = new Uint8Array(512);
  plain.set(Buffer.from(`{"data":{"interventionId":"${SECRET}"}}`, 'utf8'));
  return { recorded: { ...recorded, data: sealer.seal(plain, { stream, eventId: id }) }, sealer };
}

const holds = (buffer: Uint8Array, text: string): boolean => Buffer.from(buffer).includes(text);

describe('the buffer private payloads are decrypted into', () => {
  it('is zeroed once an event is opened', () => {
    const { cipher, buffers } = watchingCipher();
    const { recorded, sealer } = sealed(cipher);
    const opened = openEvent(recorded, () => sealer);
    expect(opened.readable && opened.data).toEqual({ interventionId: SECRET });
    expect(buffers).toHaveLength(1);
    expect(holds(buffers[0] as Uint8Array, SECRET)).toBe(false);
    expect((buffers[0] as Uint8Array).every((byte) => byte === 0)).toBe(true);
  });

  it('is zeroed when an event decrypts but its padding is broken', () => {
    const { cipher, buffers } = watchingCipher();
    const { recorded, sealer } = sealed(cipher, true);
    expect(() => openEvent(recorded, () => sealer)).toThrow(/padding is broken/);
    expect(buffers).toHaveLength(1);
    expect((buffers[0] as Uint8Array).every((byte) => byte === 0)).toBe(true);
  });
});
