import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import type { Cipher } from './cipher.js';

const NONCE = 12;
const TAG = 16;
const POOL = NONCE * 1024;

/**
 * AES-256-GCM from `node:crypto`: no dependency. Nonces are random (96 bits) and drawn from a
 * pooled buffer, because one `randomBytes(12)` call per event costs about as much as the
 * encryption itself.
 */
export function createAesGcmCipher(): Cipher {
  const pool = Buffer.alloc(POOL);
  let offset = POOL;
  const nextNonce = (): Buffer => {
    if (offset === POOL) {
      randomFillSync(pool);
      offset = 0;
    }
    const nonce = Buffer.from(pool.subarray(offset, offset + NONCE));
    offset += NONCE;
    return nonce;
  };
  return {
    algorithm: 'aes-256-gcm',
    encrypt(key, plaintext, associatedData) {
      const nonce = nextNonce();
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG });
      cipher.setAAD(associatedData);
      const body = Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    },
    decrypt(key, sealed, associatedData, into) {
      if (sealed.length < NONCE + TAG) return undefined;
      let body: Buffer | undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE), {
          authTagLength: TAG,
        });
        decipher.setAAD(associatedData);
        decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
        body = decipher.update(sealed.subarray(NONCE, sealed.length - TAG));
        const tail = decipher.final(); // checks the tag; GCM has nothing more to write
        if (tail.length > 0) {
          const head = body;
          body = Buffer.concat([head, tail]);
          head.fill(0);
        }
        if (into !== undefined && into.length >= body.length) {
          into.set(body);
          return into.subarray(0, body.length);
        }
        const plain = body;
        body = undefined; // handed over: the caller owns it
        return new Uint8Array(plain.buffer, plain.byteOffset, plain.byteLength);
      } catch {
        return undefined;
      } finally {
        // Copied into the caller's buffer, or never authenticated: no plaintext left behind.
        body?.fill(0);
      }
    },
  };
}
