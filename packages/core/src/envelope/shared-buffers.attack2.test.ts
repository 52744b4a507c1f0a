import { createRequire } from 'node:module';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import type { Cipher } from '../crypto/cipher.js';
import { createPayloadSealer } from '../crypto/payload-sealer.js';
import { createXChaChaCipher, type SodiumNative } from '../crypto/xchacha-cipher.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { secureRandom } from '../ports/random.js';
import { GENESIS_HASH } from './event-hash.js';
import { openEvent } from './open-event.js';
import { type PayloadSealer, sealEvent } from './seal-event.js';

// 1bdc999 / 4d8895b: the module's plaintext buffer is zeroed after every opening, but only
// its first min(ciphertext length, 32 KiB) bytes — "a plaintext is never longer than its
// ciphertext". The Cipher contract (crypto/cipher.ts) does not say so: "with `into` (large
// enough), a cipher may write the plaintext there and return a view of it". Attacked: a cipher
// within that contract whose plaintext is longer than what it stores; and, held, openings and
// sealings after a cipher threw inside the shared buffers.

const sodium = createRequire(import.meta.url)('sodium-native') as SodiumNative;
const SECRET = 'familjeradgivning-secret-marker';
const commandId = '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e3f';
const STREAM = `tally-2025-03-${'ab'.repeat(16)}`;
const ID = '4c1d2e30-3f7e-4d5c-9c39-1f7a4c1d2e30';

function sealed(sealer: PayloadSealer, marker = SECRET, stream = STREAM): RecordedEvent {
  const { event } = sealEvent(
    stream,
    0,
    GENESIS_HASH,
    { id: ID, type: 'ContactTallied', data: { marker }, meta: { commandId } },
    { sealer, paddedSize: () => 1024 },
  );
  return { ...event, stream, revision: 0, position: '1' };
}

/** Every buffer a cipher was handed as `into` (an observer, as a heap snapshot would be). */
function observing(cipher: Cipher, seen: Set<Uint8Array>): Cipher {
  return {
    algorithm: cipher.algorithm,
    encrypt: (key, plaintext, associatedData) => cipher.encrypt(key, plaintext, associatedData),
    decrypt(key, sealedBytes, associatedData, into) {
      if (into !== undefined) seen.add(into);
      return cipher.decrypt(key, sealedBytes, associatedData, into);
    },
  };
}

const holds = (buffer: Uint8Array, text: string): boolean => Buffer.from(buffer).includes(text);

describe('the plaintext buffer with a cipher that stores less than the plaintext', () => {
  it('holds no plaintext after the opening (a compressing XChaCha20 cipher, within the Cipher contract)', () => {
    // XChaCha20-Poly1305 over the deflated plaintext: what it stores is far shorter than the
    // padded plaintext (1,024 bytes, mostly zeros), and it writes the plaintext into `into`
    // when that is large enough, as the contract allows.
    const xchacha = createXChaChaCipher(sodium);
    const compressing: Cipher = {
      algorithm: xchacha.algorithm,
      encrypt: (key, plaintext, associatedData) =>
        xchacha.encrypt(key, deflateRawSync(plaintext), associatedData),
      decrypt(key, sealedBytes, associatedData, into) {
        const deflated = xchacha.decrypt(key, sealedBytes, associatedData);
        if (deflated === undefined) return undefined;
        const plain = inflateRawSync(deflated);
        if (into === undefined || into.length < plain.length) return plain;
        into.set(plain);
        plain.fill(0);
        return into.subarray(0, plain.length);
      },
    };
    const seen = new Set<Uint8Array>();
    const sealer = createPayloadSealer(observing(compressing, seen), secureRandom.bytes(32));
    // A note-like text whose secret lies past the first few hundred bytes of the plaintext.
    const text = `${' '.repeat(400)}${SECRET}`;
    const event = sealed(sealer, text);
    expect(event.data.length).toBeLessThan(200); // stored: far less than the 1,024-byte plaintext
    const opened = openEvent(event, () => sealer);
    expect(opened.readable && opened.data).toEqual({ marker: text });
    expect(seen.size).toBe(1);
    const [buffer] = [...seen] as [Uint8Array];
    expect(holds(buffer, SECRET), 'the opened plaintext, left in the shared decrypt buffer').toBe(false);
  });
});

describe('the plaintext of an event opened with the default cipher (AES-256-GCM)', () => {
  it('does not stay in memory after the opening (node’s shared Buffer pool)', () => {
    // createAesGcmCipher ignores `into`: its plaintext is a Buffer.concat, carved out of the
    // process-wide 8 KiB pool every small Buffer.allocUnsafe draws on, and openPrivate zeroes
    // only its own buffer. The default cipher is what every service gets without options.
    const sealer = createPayloadSealer(createAesGcmCipher(), secureRandom.bytes(32));
    const event = sealed(sealer);
    const before = new Uint8Array(Buffer.allocUnsafe(1).buffer);
    expect(holds(before, SECRET)).toBe(false); // sealing left nothing there
    const opened = openEvent(event, () => sealer);
    expect(opened.readable && opened.data).toEqual({ marker: SECRET });
    const pool = new Uint8Array(Buffer.allocUnsafe(1).buffer); // the pool slab in use now
    expect(holds(pool, SECRET), 'the opened plaintext, left in node’s Buffer pool').toBe(false);
  });
});

describe('the shared buffers after a cipher threw inside them', () => {
  it('are used again, zeroed again, and bind each payload to its own stream', () => {
    // A cipher that writes the plaintext into `into`, then throws (a check after decrypting).
    const xchacha = createXChaChaCipher(sodium);
    const seen = new Set<Uint8Array>();
    let failing = true;
    const flaky: Cipher = {
      algorithm: xchacha.algorithm,
      encrypt(key, plaintext, associatedData) {
        if (failing) throw new Error('hsm busy');
        return xchacha.encrypt(key, plaintext, associatedData);
      },
      decrypt(key, sealedBytes, associatedData, into) {
        const plain = xchacha.decrypt(key, sealedBytes, associatedData, into);
        if (failing) throw new Error('hsm busy');
        return plain;
      },
    };
    const key = secureRandom.bytes(32);
    const good = createPayloadSealer(observing(xchacha, seen), key);
    const bad = createPayloadSealer(observing(flaky, seen), key);
    const event = sealed(good);

    expect(() => bad.seal(new Uint8Array(8), { stream: STREAM, eventId: ID })).toThrow('hsm busy');
    expect(() => openEvent(event, () => bad)).toThrow('hsm busy');
    expect(seen.size).toBe(1);
    const [shared] = [...seen] as [Uint8Array];
    expect(holds(shared, SECRET)).toBe(false);

    // Later openings still decrypt into the same shared buffer (the in-use flag was reset) and zero it.
    failing = false;
    const opened = openEvent(sealed(good, 'second-marker'), () => bad);
    expect(opened.readable && opened.data).toEqual({ marker: 'second-marker' });
    expect(seen.size).toBe(1);
    expect(shared.every((byte) => byte === 0)).toBe(true);

    // And the associated-data buffer is used by the outermost call again: an envelope cipher
    // (which opens its data key with a sealer of its own) still binds March's payload to March.
    const aes = createAesGcmCipher();
    const wrapper = createPayloadSealer(aes, secureRandom.bytes(32));
    const at = { stream: 'wrapped-data-keys', eventId: 'data-key' };
    const wrapped = wrapper.seal(secureRandom.bytes(32), at);
    const dataKey = () => wrapper.open(wrapped, at) as Uint8Array;
    const envelope = createPayloadSealer(
      {
        algorithm: aes.algorithm,
        encrypt: (_key, plaintext, associatedData) => aes.encrypt(dataKey(), plaintext, associatedData),
        decrypt: (_key, sealedBytes, associatedData) => aes.decrypt(dataKey(), sealedBytes, associatedData),
      },
      key,
    );
    const april = `tally-2025-04-${'ab'.repeat(16)}`;
    const payload = envelope.seal(Buffer.from('{"marks":{}}'), { stream: STREAM, eventId: ID });
    expect(envelope.open(payload, { stream: STREAM, eventId: ID })).toBeDefined();
    expect(envelope.open(payload, { stream: april, eventId: ID })).toBeUndefined();
  });
});
