import { readHeader } from '../envelope/envelope-header.js';
import { sameHash } from '../envelope/event-hash.js';
import type { EventStore } from '../ports/event-store.js';

/**
 * Whether a stream's last event has this chain hash: for stores whose `written` is not exact
 * (EventStoreDB), the way a writer learns that its own copy of a retried command was stored.
 */
export async function streamEndsWith(store: EventStore, stream: string, hash: Uint8Array): Promise<boolean> {
  for await (const last of store.readStream(stream, { direction: 'backwards', limit: 1 }))
    return sameHash(readHeader(last.metadata)?.hash, hash);
  return false;
}
