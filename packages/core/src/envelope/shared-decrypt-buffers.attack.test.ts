import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../crypto/aes-gcm-cipher.js';
import type { Cipher } from '../crypto/cipher.js';
import { createPayloadSealer } from '../crypto/payload-sealer.js';
import { createXChaChaCipher, type SodiumNative } from '../crypto/xchacha-cipher.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { secureRandom } from '../ports/random.js';
import { GENESIS_HASH } from './event-hash.js';
import { type OpenedEvent, openEvent, type SealerFor } from './open-event.js';
import { type PayloadSealer, sealEvent } from './seal-event.js';

// Since c43387a a private payload is decrypted into one module-level buffer (zeroed after each
// event), and the associated data of every seal and open is written into another. Both are
// shared by every opening and sealing in the process. Attacked here: the real XChaCha20 cipher
// (which decrypts into that buffer) on every way an opening can end, and openings or sealings
// that happen *inside* another one — a sealer found by opening an event, a cipher that opens
// an event, a cipher that unwraps its data key with a payload sealer of its own.

const sodium = createRequire(import.meta.url)('sodium-native') as SodiumNative;

/** sodium-native, noting every buffer XChaCha20 decrypted into (the whole buffer, not the view). */
function watchedSodium(): { sodium: SodiumNative; buffers: Set<Uint8Array> } {
  const buffers = new Set<Uint8Array>();
  const seen = new Set<ArrayBufferLike>();
  return {
    buffers,
    sodium: {
      ...sodium,
      crypto_aead_xchacha20poly1305_ietf_encrypt: sodium.crypto_aead_xchacha20poly1305_ietf_encrypt,
      randombytes_buf: sodium.randombytes_buf,
      crypto_aead_xchacha20poly1305_ietf_decrypt(...args) {
        const message = args[0];
        if (!seen.has(message.buffer)) {
          seen.add(message.buffer);
          buffers.add(new Uint8Array(message.buffer));
        }
        return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(...args);
      },
    },
  };
}

const SECRET = 'familjeradgivning-secret-marker';
const commandId = '9b2f8a86-3f7e-4d5c-9c39-1f7a4c1d2e3f';

/** One private event, sealed under `sealer`: by default a contact tally holding the marker. */
function sealed(
  sealer: PayloadSealer,
  options: { stream?: string; id?: string; data?: string; plaintext?: Uint8Array; size?: number } = {},
): RecordedEvent {
  const stream = options.stream ?? 'tally-2025-03-0123456789abcdef0123456789abcdef';
  const id = options.id ?? '4c1d2e30-3f7e-4d5c-9c39-1f7a4c1d2e30';
  const { event } = sealEvent(
    stream,
    0,
    GENESIS_HASH,
    { id, type: 'ContactTallied', data: { marker: options.data ?? SECRET }, meta: { commandId } },
    { sealer, paddedSize: () => options.size ?? 1024 },
  );
  const data =
    options.plaintext === undefined ? event.data : sealer.seal(options.plaintext, { stream, eventId: id });
  return { ...event, data, stream, revision: 0, position: '1' };
}

const zeroed = (buffers: Set<Uint8Array>): boolean =>
  [...buffers].every((buffer) => buffer.every((byte) => byte === 0));
const dataOf = (opened: OpenedEvent) => (opened.readable ? opened.data : undefined);

describe('the decrypt buffer with XChaCha20-Poly1305 (sodium-native)', () => {
  it('holds no plaintext after any opening, and no decoded event shares it', () => {
    const watched = watchedSodium();
    const cipher = createXChaChaCipher(watched.sodium);
    const sealer = createPayloadSealer(cipher, secureRandom.bytes(32));
    const other = createPayloadSealer(cipher, secureRandom.bytes(32));

    const first = openEvent(sealed(sealer), () => sealer);
    expect(dataOf(first)).toEqual({ marker: SECRET });
    expect(watched.buffers.size).toBe(1); // the module's buffer, not a fresh one per event
    expect(zeroed(watched.buffers)).toBe(true);

    // Every way an opening can fail, each after the buffer held plaintext or might have.
    const padded = (text: string) => {
      const plain = new Uint8Array(1024);
      plain.set(Buffer.from(text, 'utf8'));
      return plain;
    };
    const failures: [RecordedEvent, RegExp][] = [
      [sealed(other), /does not decrypt/],
      [sealed(sealer, { plaintext: padded(`{"data":{"marker":"${SECRET}"}}`) }), /padding is broken/],
      [sealed(sealer, { plaintext: padded(`{"data":{"marker":"${SECRET}"}}\u0080`) }), /not an event record/],
    ];
    for (const [event, why] of failures) {
      expect(() => openEvent(event, () => sealer)).toThrow(why);
      expect(zeroed(watched.buffers)).toBe(true);
    }

    // A second event opened into the same buffer leaves the first one's data as it was.
    const second = openEvent(sealed(sealer, { data: 'x'.repeat(SECRET.length) }), () => sealer);
    expect(dataOf(second)).toEqual({ marker: 'x'.repeat(SECRET.length) });
    expect(dataOf(first)).toEqual({ marker: SECRET });
    // Larger than the buffer: decrypted into a buffer of its own, still correct.
    const large = openEvent(sealed(sealer, { size: 40_000 }), () => sealer);
    expect(dataOf(large)).toEqual({ marker: SECRET });
  });

  it('is not disturbed by a sealer found by opening another event first', () => {
    const cipher = createXChaChaCipher(sodium);
    const sealer = createPayloadSealer(cipher, secureRandom.bytes(32));
    const registry = sealed(sealer, { stream: 'registry-2025-03', data: 'registry-entry' });
    const found: SealerFor = () => {
      expect(dataOf(openEvent(registry, () => sealer))).toEqual({ marker: 'registry-entry' });
      return sealer;
    };
    expect(dataOf(openEvent(sealed(sealer), found))).toEqual({ marker: SECRET });
  });
});

describe('an opening inside another opening', () => {
  it('leaves the outer event readable when the cipher opens an event of its own after decrypting', () => {
    const xchacha = createXChaChaCipher(sodium);
    const auditKey = createPayloadSealer(xchacha, secureRandom.bytes(32));
    const audit = sealed(auditKey, { stream: 'series-audit', data: 'audit' });
    // A cipher that, having decrypted, reads an event of its own (an audit trail, a key note).
    const auditing: Cipher = {
      algorithm: xchacha.algorithm,
      encrypt: (key, plaintext, associatedData) => xchacha.encrypt(key, plaintext, associatedData),
      decrypt(key, sealedBytes, associatedData, into) {
        const plain = xchacha.decrypt(key, sealedBytes, associatedData, into);
        openEvent(audit, () => auditKey);
        return plain;
      },
    };
    const sealer = createPayloadSealer(auditing, secureRandom.bytes(32));
    expect(dataOf(openEvent(sealed(sealer), () => sealer))).toEqual({ marker: SECRET });
  });
});

describe('a cipher that unwraps its data key with a payload sealer of its own (envelope encryption)', () => {
  /** AES-GCM under a data key kept wrapped by a key-encryption key, unwrapped for each call. */
  function envelopeCipher(): Cipher {
    const aes = createAesGcmCipher();
    const keyEncryptionKey = createPayloadSealer(aes, secureRandom.bytes(32));
    const wrappedAt = { stream: 'wrapped-data-keys', eventId: 'data-key-2025' };
    const wrapped = keyEncryptionKey.seal(secureRandom.bytes(32), wrappedAt);
    const dataKey = (): Uint8Array => {
      const key = keyEncryptionKey.open(wrapped, wrappedAt);
      if (key === undefined) throw new Error('the data key does not unwrap');
      return key;
    };
    return {
      algorithm: aes.algorithm,
      encrypt: (_key, plaintext, associatedData) => aes.encrypt(dataKey(), plaintext, associatedData),
      decrypt: (_key, sealedBytes, associatedData, into) =>
        aes.decrypt(dataKey(), sealedBytes, associatedData, into),
    };
  }

  it('still binds each payload to its own stream: sealed for March, it does not open as April', () => {
    const sealer = createPayloadSealer(envelopeCipher(), secureRandom.bytes(32));
    const eventId = '4c1d2e30-3f7e-4d5c-9c39-1f7a4c1d2e30';
    const march = `tally-2025-03-${'ab'.repeat(16)}`;
    const april = `tally-2025-04-${'ab'.repeat(16)}`;
    const payload = sealer.seal(Buffer.from('{"marks":{"gender":"female"}}'), { stream: march, eventId });
    expect(sealer.open(payload, { stream: march, eventId })).toBeDefined();
    // Moved to another month's sheet (or any stream agreeing past the unwrapping's own
    // associated data), the payload must not open: that is what associated data is for.
    expect(sealer.open(payload, { stream: april, eventId })).toBeUndefined();
  });
});
