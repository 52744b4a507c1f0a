import { slabBytes } from './byte-slab.js';
import { requireFits } from './padding.js';

const encoder = new TextEncoder();

/** A record's clear payload as UTF-8, cut from a slab (see `byte-slab.ts`): it is stored as it is. */
export function utf8Slab(text: string): Uint8Array {
  const bytes = slabBytes(Buffer.byteLength(text, 'utf8'));
  encoder.encodeInto(text, bytes);
  return bytes;
}

function copied(bytes: Uint8Array): Uint8Array {
  const copy = slabBytes(bytes.length);
  copy.set(bytes);
  return copy;
}

// One buffer for every plaintext being sealed, zeroed after each: a fresh one per event was two
// allocations outside V8's heap (the encoded record, then its padded copy) and left the
// plaintext in freed memory until it was reused.
let scratch = new Uint8Array(1024);
let scratchInUse = false;

/**
 * Seals a record's text padded (ISO/IEC 7816-4, as `padTo`) to the size `sizeFor` gives its
 * UTF-8 length; throws as `requireFits` when it does not fit. The padded plaintext handed to
 * `seal` is zeroed as soon as `seal` returns (or throws): `seal` must not keep it. A `seal` that
 * encrypts in place and returns (part of) what it was given gets its result copied out first.
 */
export function sealPadded(
  text: string,
  sizeFor: (length: number) => number,
  seal: (padded: Uint8Array) => Uint8Array,
): Uint8Array {
  const length = Buffer.byteLength(text, 'utf8');
  const size = sizeFor(length);
  requireFits(length, size);
  // A seal inside a seal (a cipher sealing with a sealer of its own) gets a buffer of its own.
  const reuse = !scratchInUse;
  if (reuse && scratch.length < size) scratch = new Uint8Array(size);
  const padded = (reuse ? scratch : new Uint8Array(size)).subarray(0, size);
  if (reuse) scratchInUse = true;
  try {
    encoder.encodeInto(text, padded);
    padded[length] = 0x80;
    const sealed = seal(padded);
    // Encrypted in place (attack 19): the result is a view of the buffer about to be zeroed.
    return sealed.buffer === padded.buffer ? copied(sealed) : sealed;
  } finally {
    padded.fill(0);
    if (reuse) scratchInUse = false;
  }
}
