import type { RecordedEvent } from '@pinnstatistik/core';

/** An event's size as stores count it against their append limit (an upper bound). */
export function appendSize(event: RecordedEvent): number {
  return (
    event.data.length +
    event.metadata.length +
    Buffer.byteLength(event.type) +
    Buffer.byteLength(event.id) +
    Buffer.byteLength(event.stream) +
    64
  );
}
