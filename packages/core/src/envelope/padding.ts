/**
 * Padding of plaintexts before encryption, so a ciphertext's length says nothing about what it
 * holds: ISO/IEC 7816-4 (one 0x80 byte, then zeros) up to the size a policy chooses.
 */

/**
 * Thrown when a plaintext does not fit its padded size. A catalogue whose events could outgrow
 * their size is refused at adoption (see `largestEvents`); one adopted before that check is met
 * here, and the command service answers it as a refusal (`EVENT_TOO_LARGE`).
 */
export class PaddedSizeExceeded extends RangeError {
  readonly code = 'PADDED_SIZE_EXCEEDED' as const;

  constructor(length: number, size: number) {
    super(`a plaintext of ${length} bytes does not fit a padded size of ${size}`);
    this.name = 'PaddedSizeExceeded';
  }
}

/** Structural guard for {@link PaddedSizeExceeded}. */
export function isPaddedSizeExceeded(value: unknown): value is PaddedSizeExceeded {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { code?: unknown }).code === 'PADDED_SIZE_EXCEEDED'
  );
}

/**
 * Checks that a plaintext of `length` bytes and its padding byte fit `size`: throws a
 * `RangeError` for a size that is not a whole number of bytes (a policy's fault: NaN passed the
 * fit check once, and an empty plaintext was sealed), {@link PaddedSizeExceeded} when it does not fit.
 */
export function requireFits(length: number, size: number): void {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`not a padded size: ${size}`);
  if (length + 1 > size) throw new PaddedSizeExceeded(length, size);
}

/**
 * Pads to exactly `size` bytes; throws {@link PaddedSizeExceeded} when the plaintext does not fit
 * (a `RangeError` for a size that is not a whole number of bytes).
 */
export function padTo(plaintext: Uint8Array, size: number): Uint8Array {
  requireFits(plaintext.length, size);
  const padded = new Uint8Array(size);
  padded.set(plaintext);
  padded[plaintext.length] = 0x80;
  return padded;
}

// The last buffer unpadded, as 32-bit words: a decrypting caller reuses one buffer for every
// event, and a word view of it per event cost as much as the scan.
let lastBuffer: ArrayBufferLike | undefined;
let lastWords: Uint32Array = new Uint32Array(0);

function wordsOf(buffer: ArrayBufferLike): Uint32Array {
  if (buffer !== lastBuffer) {
    lastWords = new Uint32Array(buffer, 0, buffer.byteLength >>> 2);
    lastBuffer = buffer;
  }
  return lastWords;
}

/** Removes the padding; `undefined` when the bytes are not padded this way. */
export function unpad(padded: Uint8Array): Uint8Array | undefined {
  let end = padded.length - 1;
  // Most of a padded plaintext is its zero tail: skip it four bytes at a time where the bytes
  // are aligned (a decrypted plaintext is a fresh buffer), then byte by byte.
  if (padded.byteOffset % 4 === 0 && padded.length % 4 === 0) {
    const words = wordsOf(padded.buffer);
    const first = padded.byteOffset / 4;
    let word = first + padded.length / 4 - 1;
    while (word >= first && words[word] === 0) word -= 1;
    end = 4 * (word - first) + 3;
  }
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (end < 0 || padded[end] !== 0x80) return undefined;
  return padded.subarray(0, end);
}

/** The first bucket a plaintext fits in (with its padding byte); `undefined` when none does. */
export function bucketFor(length: number, buckets: readonly number[]): number | undefined {
  for (const bucket of buckets) if (length + 1 <= bucket) return bucket;
  return undefined;
}
