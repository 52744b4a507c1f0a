/**
 * Padding of plaintexts before encryption, so a ciphertext's length says nothing about what it
 * holds: ISO/IEC 7816-4 (one 0x80 byte, then zeros) up to the size a policy chooses.
 */

/** Pads to exactly `size` bytes; throws when the plaintext does not fit (a programmer error: a catalogue whose events could outgrow their size is refused at adoption, see `largestEvents`). */
export function padTo(plaintext: Uint8Array, size: number): Uint8Array {
  if (plaintext.length + 1 > size)
    throw new RangeError(`a plaintext of ${plaintext.length} bytes does not fit a padded size of ${size}`);
  const padded = new Uint8Array(size);
  padded.set(plaintext);
  padded[plaintext.length] = 0x80;
  return padded;
}

/** Removes the padding; `undefined` when the bytes are not padded this way. */
export function unpad(padded: Uint8Array): Uint8Array | undefined {
  let end = padded.length - 1;
  // Most of a padded plaintext is its zero tail: skip it four bytes at a time where the bytes
  // are aligned (a decrypted plaintext is a fresh buffer), then byte by byte.
  if (padded.byteOffset % 4 === 0 && padded.length % 4 === 0) {
    const words = new Uint32Array(padded.buffer, padded.byteOffset, padded.length / 4);
    let word = words.length - 1;
    while (word >= 0 && words[word] === 0) word -= 1;
    end = 4 * word + 3;
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
