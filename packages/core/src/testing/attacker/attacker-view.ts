import { openEvent } from '../../envelope/open-event.js';
import type { JsonValue } from '../../json.js';
import type { EventStore, RecordedEvent } from '../../ports/event-store.js';
import { privateStreamOf } from '../../streams.js';
import { collect } from '../collect.js';

/** A public event as an attacker reads it with the public code: its type and its clear JSON. */
export interface ClearEvent {
  readonly stream: string;
  readonly position: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly meta: JsonValue;
}

/**
 * Everything an attacker holding a copy of the store has: every event the store serves (the
 * public ones opened with the public code, the private ones as bytes), and every byte the store
 * keeps, raw (memory buffers, database files) — no key that was destroyed.
 */
export interface AttackerView {
  readonly events: readonly RecordedEvent[];
  readonly clear: readonly ClearEvent[];
  /** Private events as stored: stream, clear type, header and payload bytes. */
  readonly sealed: readonly RecordedEvent[];
  readonly raw: readonly Uint8Array[];
}

/** Reads what a copy of the store holds. */
export async function viewOf(store: EventStore, raw: readonly Uint8Array[]): Promise<AttackerView> {
  const events = await collect(store.readAll());
  const clear: ClearEvent[] = [];
  const sealed: RecordedEvent[] = [];
  for (const event of events) {
    if (event.stream.startsWith('checkpoint-')) continue;
    const opened = openEvent(event);
    if (opened.readable)
      clear.push({
        stream: event.stream,
        position: event.position,
        type: opened.type,
        data: opened.data,
        meta: opened.meta as unknown as JsonValue,
      });
    else if (privateStreamOf(event.stream) !== undefined) sealed.push(event);
  }
  return { events, clear, sealed, raw };
}

/** How often a byte sequence occurs in every raw byte the store keeps. */
export function occurrences(view: AttackerView, needle: Uint8Array): number {
  const target = Buffer.from(needle);
  let count = 0;
  for (const chunk of view.raw) {
    const haystack = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = haystack.indexOf(target); at >= 0; at = haystack.indexOf(target, at + 1)) count += 1;
  }
  return count;
}

/** Every string in a JSON value (keys excluded), for comparing what two kinds of stream share in clear. */
export function stringsIn(value: JsonValue, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value as Record<string, JsonValue>)) stringsIn(item, into);
  return into;
}
