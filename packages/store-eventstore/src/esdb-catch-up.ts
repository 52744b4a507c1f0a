import type { ClientResolvedEvent, ClientSeam } from './client-seam.js';
import type { ClientRecordedEvent } from './event-encoding.js';
import { comparePositions, type EsdbPosition } from './positions.js';

/** A record of `$all` with its position, as the catch-up reads it. */
export type PositionedRecord = ClientRecordedEvent & { readonly position: EsdbPosition };

/**
 * Reads `$all` forwards after a position (exclusive), page by page, every record — the
 * server's own included, so the caller can advance past them — and returns once a page comes
 * back short: everything stored when that page was read has then been yielded. This is how a
 * subscription catches up on any server version; only EventStoreDB 23.10 and later (every
 * KurrentDB) send a caught-up signal on their subscriptions.
 */
export async function* catchUpThroughReads(
  seam: ClientSeam,
  after: EsdbPosition | undefined,
  batch: number,
): AsyncGenerator<PositionedRecord> {
  let from = after;
  for (;;) {
    // The whole page first: a slow handler must not hold the read call open past its deadline.
    const page: ClientResolvedEvent[] = [];
    for await (const resolved of seam.readAll({
      direction: 'forwards',
      fromPosition: from ?? 'start',
      maxCount: batch,
    })) {
      page.push(resolved);
    }
    let last: EsdbPosition | undefined;
    for (const { event } of page) {
      const position = event?.position;
      if (event === undefined || position === undefined) continue;
      last = position;
      // Reading `$all` from a position includes it; resuming is exclusive.
      if (from !== undefined && comparePositions(position, from) <= 0) continue;
      yield { ...event, position };
    }
    if (page.length < batch || last === undefined) return;
    from = last;
  }
}
