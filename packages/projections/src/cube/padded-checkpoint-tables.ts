/** The smallest size an open month's tables are padded to in a checkpoint (bytes). */
const SMALLEST = 4096;

/**
 * The length an open month's tables (JSON, `length` bytes) take in a checkpoint: the next power
 * of two, at least 4 KiB. Sealed as they were, their length grew with every sheet and every
 * category new to a sheet — a nightly checkpoint told of a lone tally whether it opened a sheet,
 * and how many characters its new marks' names had (attack 38); padded, it moves only when the
 * month's tables cross a power of two, by a doubling.
 */
export const paddedTablesLength = (length: number): number => {
  let size = SMALLEST;
  while (size < length) size *= 2;
  return size;
};

/**
 * The tables' JSON, encoded and padded with spaces (which JSON ignores after the value) to
 * {@link paddedTablesLength}, in a buffer of its own for the caller to zero once sealed.
 */
export function paddedTables(json: string): Uint8Array {
  const encoded = new TextEncoder().encode(json);
  const padded = new Uint8Array(paddedTablesLength(encoded.length)).fill(0x20);
  padded.set(encoded);
  encoded.fill(0);
  return padded;
}
