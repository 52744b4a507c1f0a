import type { EventToAppend } from '@pinnstatistik/core';
import { COLUMN_ID_LENGTH } from './id-column.js';

/**
 * One stored event as bytes: `[id form][id?][type ordinal u16][data length u32][data][metadata]`.
 * An id of 36 ASCII characters (a UUID, what the core writes) is kept in the id column, its
 * record holding only the form byte; any other id is kept in the record as length-prefixed
 * UTF-8. Types are kept once in a table and referred to by ordinal.
 */
const COLUMN_FORM = 1;
const TEXT_FORM = 0;
/** An id in the column, encoded: its form byte, then its 36 characters. */
const COLUMN_ENCODED = 1 + COLUMN_ID_LENGTH;

/** Writes `id`'s characters after a form byte when it is a column id; false otherwise (`target` partly written). */
function writeColumnId(id: string, target: Uint8Array): boolean {
  if (id.length !== COLUMN_ID_LENGTH) return false;
  for (let at = 0; at < COLUMN_ID_LENGTH; at += 1) {
    const code = id.charCodeAt(at);
    if (code > 0x7f) return false;
    target[1 + at] = code;
  }
  target[0] = COLUMN_FORM;
  return true;
}

/** An id encoded (what the id index hashes and compares). */
export function encodeId(id: string): Uint8Array {
  const bytes = new Uint8Array(COLUMN_ENCODED);
  if (writeColumnId(id, bytes)) return bytes;
  const text = Buffer.from(id, 'utf8');
  if (text.length > 255) throw new RangeError('an event id longer than 255 bytes');
  const textForm = new Uint8Array(2 + text.length);
  textForm[0] = TEXT_FORM;
  textForm[1] = text.length;
  textForm.set(text, 2);
  return textForm;
}

/**
 * A column id whose characters are already in its slot of the id column (`writeColumnIdHashed`):
 * what a record keeps of it, its form byte.
 */
export const COLUMN_MARK = Uint8Array.of(COLUMN_FORM);

/** Whether an encoded id goes to the id column (its record keeps only the form byte). */
export const inColumn = (id: Uint8Array): boolean => id[0] === COLUMN_FORM;

/** Bytes of an encoded id kept in its record. */
const recordIdBytes = (id: Uint8Array): number => (id[0] === COLUMN_FORM ? 1 : id.length);

/** Bytes an event takes, with its id already encoded. */
export function recordSize(event: EventToAppend, id: Uint8Array): number {
  return recordIdBytes(id) + 6 + event.data.length + event.metadata.length;
}

/** Writes an event into its reserved bytes, at an offset of a chunk. */
export function writeRecord(
  target: Uint8Array,
  offset: number,
  event: EventToAppend,
  id: Uint8Array,
  typeOrdinal: number,
): void {
  // Small copies by hand: `set` costs more than the loop below a few dozen bytes.
  const idBytes = recordIdBytes(id);
  for (let index = 0; index < idBytes; index += 1) target[offset + index] = id[index] as number;
  let at = offset + idBytes;
  target[at] = typeOrdinal >>> 8;
  target[at + 1] = typeOrdinal & 0xff;
  const length = event.data.length;
  target[at + 2] = length >>> 24;
  target[at + 3] = (length >>> 16) & 0xff;
  target[at + 4] = (length >>> 8) & 0xff;
  target[at + 5] = length & 0xff;
  at += 6;
  copyInto(target, event.data, at);
  copyInto(target, event.metadata, at + length);
}

function copyInto(target: Uint8Array, source: Uint8Array, at: number): void {
  if (source.length > 32) target.set(source, at);
  else for (let index = 0; index < source.length; index += 1) target[at + index] = source[index] as number;
}

/** Bytes of the id part of a record starting at `offset`. */
export const idLength = (chunk: Uint8Array, offset: number): number =>
  chunk[offset] === COLUMN_FORM ? 1 : 2 + (chunk[offset + 1] as number);

/** Whether the record starting at `offset` keeps its id in the id column. */
export const idInColumn = (chunk: Uint8Array, offset: number): boolean => chunk[offset] === COLUMN_FORM;

/** The id kept in the record starting at `offset` (one not in the column). */
export const readRecordId = (chunk: Uint8Array, offset: number): string =>
  Buffer.from(chunk.buffer, chunk.byteOffset + offset + 2, chunk[offset + 1] as number).toString('utf8');

/**
 * Whether the record starting at `offset` (of `length` bytes) has exactly this encoded id in
 * its record (a column id: its form byte; the caller compares the column).
 */
export function hasRecordId(chunk: Uint8Array, offset: number, length: number, id: Uint8Array): boolean {
  const idBytes = recordIdBytes(id);
  if (length < idBytes) return false;
  for (let at = 0; at < idBytes; at += 1) if (chunk[offset + at] !== id[at]) return false;
  return true;
}

/** The type ordinal of the record whose id ends at `at`. */
export const typeOrdinalAt = (chunk: Uint8Array, at: number): number =>
  ((chunk[at] as number) << 8) | (chunk[at + 1] as number);

/** The data length of the record whose id ends at `at`. */
export const dataLengthAt = (chunk: Uint8Array, at: number): number =>
  (((chunk[at + 2] as number) << 24) >>> 0) +
  ((chunk[at + 3] as number) << 16) +
  ((chunk[at + 4] as number) << 8) +
  (chunk[at + 5] as number);

/** Bytes between the end of the id and the data. */
export const TYPE_AND_LENGTH_BYTES = 6;
