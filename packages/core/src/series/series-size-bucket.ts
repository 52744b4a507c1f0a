/** The smallest size a closed series stream is padded to. */
const SMALLEST_BUCKET = 8;

/**
 * The size a series stream is padded to when it closes: the next power of two from 8. The index
 * keeps the deleted stream's size in clear (an auditor proves the deletion with it); unpadded,
 * the size less the notes destroyed less two was the series' number of contacts. A series of up
 * to five contacts without notes (every series the Vaggeryd policies allow) closes at 8.
 */
export function seriesSizeBucket(size: number): number {
  let bucket = SMALLEST_BUCKET;
  while (bucket < size) bucket *= 2;
  return bucket;
}
