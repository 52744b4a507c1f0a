import { type EventStore, encodeHeader, hashEvent, type RecordedEvent } from '@pinnstatistik/core';

// What the attacks on interrupted and forged reads (21, 22) share: a stream's stored events as
// copies, and a genuine event moved elsewhere with its clear header recomputed — chain hashes
// need no key, so a store (or anything between it and the service) can always do this.

/** The stream's events as stored now (copies). */
export async function eventsOf(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(stream))
    events.push({ ...event, data: event.data.slice(), metadata: event.metadata.slice() });
  return events;
}

/** An event moved to `revision` after `prev`, its clear header recomputed: chains are keyless. */
export function rechained(event: RecordedEvent, revision: number, prev: Uint8Array): RecordedEvent {
  const codecId = event.metadata[1] as number;
  const hash = hashEvent(prev, {
    stream: event.stream,
    revision,
    id: event.id,
    type: event.type,
    codecId,
    payload: event.data,
  });
  return { ...event, revision, metadata: encodeHeader(codecId, hash) };
}
