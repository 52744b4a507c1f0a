import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { secureRandom } from '../ports/random.js';
import { createAesGcmCipher } from './aes-gcm-cipher.js';
import type { Cipher } from './cipher.js';
import { createEncryptedCodec, DecryptionError } from './encrypted-codec.js';
import { deriveSubkeys, keyedName } from './key-derivation.js';
import { createXChaChaCipher, type SodiumNative } from './xchacha-cipher.js';

function sodiumIfInstalled(): SodiumNative | undefined {
  try {
    return createRequire(import.meta.url)('sodium-native') as SodiumNative;
  } catch {
    return undefined;
  }
}

const sodium = sodiumIfInstalled();
const ciphers: [string, Cipher | undefined][] = [
  ['AES-256-GCM (node:crypto)', createAesGcmCipher()],
  ['XChaCha20-Poly1305 (sodium-native)', sodium === undefined ? undefined : createXChaChaCipher(sodium)],
];
if (sodium === undefined)
  console.warn('sodium-native is not installed: the XChaCha20-Poly1305 cases are skipped');

const context = { stream: 'tally-2025-03-abc', eventId: 'e-1', type: 'ContactTallied' };
const data = { interventionId: 'rad-och-stod', marks: { gender: 'female' } };

describe.each(ciphers)('the encrypted codec with %s', (_name, cipher) => {
  it.skipIf(cipher === undefined)('round-trips data, and the stored form shows nothing of it', () => {
    const codec = createEncryptedCodec(cipher as Cipher, secureRandom.bytes(32));
    const stored = codec.encode(data, context);
    expect(typeof stored).toBe('string');
    expect(JSON.stringify(stored)).not.toMatch(/rad-och-stod|female/);
    expect(codec.decode(stored, context)).toEqual(data);
  });

  it.skipIf(cipher === undefined)(
    'never repeats a nonce: the same data encrypts differently every time',
    () => {
      const codec = createEncryptedCodec(cipher as Cipher, secureRandom.bytes(32));
      const seen = new Set(Array.from({ length: 2000 }, () => codec.encode(data, context)));
      expect(seen.size).toBe(2000);
    },
  );

  it.skipIf(cipher === undefined)(
    'refuses ciphertext moved to another event or stream, altered, or opened with another key',
    () => {
      const key = secureRandom.bytes(32);
      const codec = createEncryptedCodec(cipher as Cipher, key);
      const stored = codec.encode(data, context) as string;
      expect(() => codec.decode(stored, { ...context, eventId: 'e-2' })).toThrow(DecryptionError);
      expect(() => codec.decode(stored, { ...context, stream: 'tally-2025-03-def' })).toThrow(
        DecryptionError,
      );
      const bytes = Buffer.from(stored, 'base64');
      bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 1;
      expect(() => codec.decode(bytes.toString('base64'), context)).toThrow(DecryptionError);
      expect(() =>
        createEncryptedCodec(cipher as Cipher, secureRandom.bytes(32)).decode(stored, context),
      ).toThrow(DecryptionError);
    },
  );
});

describe('key derivation', () => {
  it('splits one stored key into independent encryption and naming keys', () => {
    const key = secureRandom.bytes(32);
    const { encryption, naming } = deriveSubkeys(key);
    expect(Buffer.from(encryption).equals(Buffer.from(naming))).toBe(false);
    expect(Buffer.from(deriveSubkeys(key).naming).equals(Buffer.from(naming))).toBe(true);
  });

  it('names streams with a keyed hash that another key cannot reproduce', () => {
    const [one, two] = [
      deriveSubkeys(secureRandom.bytes(32)).naming,
      deriveSubkeys(secureRandom.bytes(32)).naming,
    ];
    expect(keyedName(one, 'rad-och-stod', 'motesplats')).toMatch(/^[0-9a-f]{32}$/);
    expect(keyedName(one, 'rad-och-stod', 'motesplats')).toBe(keyedName(one, 'rad-och-stod', 'motesplats'));
    expect(keyedName(one, 'rad-och-stod', 'motesplats')).not.toBe(
      keyedName(two, 'rad-och-stod', 'motesplats'),
    );
    expect(keyedName(one, 'rad-och-stod', 'motesplats')).not.toBe(
      keyedName(one, 'rad-och-sto', 'dmotesplats'),
    );
  });
});
