import type { StreamAppend } from './event-store.js';

/**
 * Throws a `TypeError` when a batch names a stream in more than one part — a caller's error
 * every adapter refuses the same way, before anything is written. (Two parts on one stream
 * have no single meaning across stores: checked against the stream before the batch, the
 * second part wrote a second revision 0 in memory, and a prefix of the batch on EventStoreDB.)
 */
export function requireStreamsNamedOnce(parts: readonly StreamAppend[]): void {
  const names = new Set<string>();
  for (const part of parts) {
    if (names.has(part.stream))
      throw new TypeError(`a batch names each stream once; ${JSON.stringify(part.stream)} is named twice`);
    names.add(part.stream);
  }
}
