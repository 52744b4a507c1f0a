import { type Reader, readPage } from './esdb-reads.js';
import type { ClientRecordedEvent } from './event-encoding.js';
import { comparePositions, type EsdbPosition } from './positions.js';

/** A record of `$all` with its position, as the catch-up reads it. */
export type PositionedRecord = ClientRecordedEvent & { readonly position: EsdbPosition };

/**
 * Reads `$all` forwards after a position (exclusive), page by page, yielding each page whole —
 * every record, the server's own included, so the caller can advance past them — and returns
 * once a page comes back short: everything stored when that page was read has then been
 * yielded. This is how a subscription catches up on any server version; only EventStoreDB 23.10
 * and later (every KurrentDB) send a caught-up signal on their subscriptions. Each page is read
 * under the reader's deadline.
 */
export async function* catchUpThroughReads(
  reader: Reader,
  after: EsdbPosition | undefined,
): AsyncGenerator<readonly PositionedRecord[]> {
  let from = after;
  for (;;) {
    const page = await readPage(
      reader,
      reader.seam.readAll({ direction: 'forwards', fromPosition: from ?? 'start', maxCount: reader.batch }),
      'reading $all',
    );
    const records: PositionedRecord[] = [];
    let last: EsdbPosition | undefined;
    for (const { event } of page) {
      const position = event?.position;
      if (event === undefined || position === undefined) continue;
      last = position;
      // Reading `$all` from a position includes it; resuming is exclusive.
      if (from !== undefined && comparePositions(position, from) <= 0) continue;
      records.push({ ...event, position });
    }
    yield records;
    if (page.length < reader.batch || last === undefined) return;
    from = last;
  }
}
