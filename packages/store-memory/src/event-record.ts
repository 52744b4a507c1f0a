import type { EventToAppend } from '@pinnstatistik/core';

/**
 * One stored event as bytes: `[id form][id][type ordinal u16][data length u32][data][metadata]`.
 * A canonical lower-case UUID id (what the core writes) takes 16 bytes; any other id is kept
 * as length-prefixed UTF-8. Types are kept once in a table and referred to by ordinal.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UUID_FORM = 1;
const TEXT_FORM = 0;

/** An id in its stored form. */
export function encodeId(id: string): Uint8Array {
  if (UUID.test(id)) {
    const bytes = new Uint8Array(17);
    bytes[0] = UUID_FORM;
    bytes.set(Buffer.from(id.replace(/-/g, ''), 'hex'), 1);
    return bytes;
  }
  const text = Buffer.from(id, 'utf8');
  if (text.length > 255) throw new RangeError('an event id longer than 255 bytes');
  const bytes = new Uint8Array(2 + text.length);
  bytes[0] = TEXT_FORM;
  bytes[1] = text.length;
  bytes.set(text, 2);
  return bytes;
}

/** Bytes an event takes, with its id already encoded. */
export function recordSize(event: EventToAppend, id: Uint8Array): number {
  return id.length + 6 + event.data.length + event.metadata.length;
}

/** Writes an event into its reserved bytes. */
export function writeRecord(
  target: Uint8Array,
  event: EventToAppend,
  id: Uint8Array,
  typeOrdinal: number,
): void {
  target.set(id, 0);
  let at = id.length;
  target[at] = typeOrdinal >>> 8;
  target[at + 1] = typeOrdinal & 0xff;
  const length = event.data.length;
  target[at + 2] = length >>> 24;
  target[at + 3] = (length >>> 16) & 0xff;
  target[at + 4] = (length >>> 8) & 0xff;
  target[at + 5] = length & 0xff;
  at += 6;
  target.set(event.data, at);
  target.set(event.metadata, at + length);
}

const idLength = (record: Uint8Array): number => (record[0] === UUID_FORM ? 17 : 2 + (record[1] as number));

/** The id of a stored record. */
export function readId(record: Uint8Array): string {
  if (record[0] === UUID_FORM) {
    const hex = Buffer.from(record.buffer, record.byteOffset + 1, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return Buffer.from(record.buffer, record.byteOffset + 2, record[1] as number).toString('utf8');
}

/** Whether a record's id is exactly this encoded id. */
export function hasId(record: Uint8Array, id: Uint8Array): boolean {
  if (record.length < id.length) return false;
  for (let at = 0; at < id.length; at += 1) if (record[at] !== id[at]) return false;
  return true;
}

/** The parts of a stored record (views into it). */
export function readRecord(record: Uint8Array): {
  readonly typeOrdinal: number;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
} {
  const at = idLength(record);
  const typeOrdinal = ((record[at] as number) << 8) | (record[at + 1] as number);
  const length =
    (((record[at + 2] as number) << 24) >>> 0) +
    ((record[at + 3] as number) << 16) +
    ((record[at + 4] as number) << 8) +
    (record[at + 5] as number);
  const start = at + 6;
  return {
    typeOrdinal,
    data: record.subarray(start, start + length),
    metadata: record.subarray(start + length),
  };
}
