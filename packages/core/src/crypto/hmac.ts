import { hash } from 'node:crypto';

const BLOCK = 64;
let inner = Buffer.alloc(1024);
const outer = Buffer.alloc(BLOCK + 32);

/**
 * HMAC-SHA-256 (RFC 2104) of a text as two one-shot hashes over one reused buffer: `createHmac`
 * builds a native object per call, which cost two to three times as much on the command path
 * (one keyed id per event). Everything derived from the key on the way — its padded blocks, the
 * inner hash, a long key's hash — is zeroed before returning, so the digest returned is the only
 * copy of anything secret (a caller deriving a key zeroes that when the key is destroyed).
 */
export function hmacSha256(key: Uint8Array, message: string | Uint8Array): Buffer {
  const hashedKey = key.length > BLOCK ? hash('sha256', key, 'buffer') : undefined;
  const block = hashedKey ?? key;
  const needed = BLOCK + (typeof message === 'string' ? 3 * message.length : message.length);
  if (needed > inner.length) inner = Buffer.alloc(2 * needed);
  for (let at = 0; at < BLOCK; at += 1) {
    const byte = at < block.length ? (block[at] as number) : 0;
    inner[at] = byte ^ 0x36;
    outer[at] = byte ^ 0x5c;
  }
  let length = BLOCK;
  if (typeof message === 'string') length += inner.write(message, BLOCK, 'utf8');
  else {
    inner.set(message, BLOCK);
    length += message.length;
  }
  const innerHash = hash('sha256', inner.subarray(0, length), 'buffer');
  innerHash.copy(outer, BLOCK);
  innerHash.fill(0);
  hashedKey?.fill(0);
  inner.fill(0, 0, length);
  const digest = hash('sha256', outer, 'buffer');
  outer.fill(0);
  return digest;
}
