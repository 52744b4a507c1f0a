import { hash } from 'node:crypto';

const BLOCK = 64;
let inner = Buffer.alloc(1024);
const outer = Buffer.alloc(BLOCK + 32);

/**
 * Lays `outer` out as (key ⊕ opad) ‖ inner hash, zeroing every other trace of the key: what is
 * left to hash is the HMAC. The inner hash is written straight into `outer` and zeroed there.
 */
function outerBlock(key: Uint8Array, message: string | Uint8Array): void {
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
}

/**
 * HMAC-SHA-256 (RFC 2104) of a text as two one-shot hashes over one reused buffer: `createHmac`
 * builds a native object per call, which cost two to three times as much on the command path
 * (one keyed id per event). Everything derived from the key on the way — its padded blocks, the
 * inner hash, a long key's hash — is zeroed before returning, so the digest returned is the only
 * copy of anything secret (a caller deriving a key zeroes that when the key is destroyed).
 */
export function hmacSha256(key: Uint8Array, message: string | Uint8Array): Buffer {
  outerBlock(key, message);
  const digest = hash('sha256', outer, 'buffer');
  outer.fill(0);
  return digest;
}

/**
 * {@link hmacSha256} as hex, for a digest that is not secret (a keyed stream name or event id,
 * stored in clear): a hex string, not a Buffer — a digest as a Buffer is an allocation outside
 * V8's heap, ≈ 1 µs on the bench machine. What is secret on the way is zeroed as there.
 */
export function hmacSha256Hex(key: Uint8Array, message: string | Uint8Array): string {
  outerBlock(key, message);
  const digest = hash('sha256', outer, 'hex');
  outer.fill(0);
  return digest;
}
