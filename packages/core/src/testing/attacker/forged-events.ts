import { encodeHeader } from '../../envelope/envelope-header.js';
import { hashEvent } from '../../envelope/event-hash.js';
import { openEvent } from '../../envelope/open-event.js';
import type { EventStore, RecordedEvent } from '../../ports/event-store.js';

// What attacks on interrupted and forged reads share, whatever the store: a stream's stored events
// as copies, a genuine event moved elsewhere with its clear header recomputed — chain hashes need
// no key, so a store (or anything between it and the service) can always do this — and what a
// public event says in clear.

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

/** A public event's data as anyone reads it (no key), or `undefined` for a sealed one. */
export function clearData(event: RecordedEvent): Record<string, unknown> | undefined {
  const opened = openEvent(event);
  return opened.readable ? (opened.data as Record<string, unknown>) : undefined;
}
