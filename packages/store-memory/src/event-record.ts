import type { EventToAppend } from '@pinnstatistik/core';

/**
 * One stored event as bytes: `[id form][id][type ordinal u16][data length u32][data][metadata]`.
 * A canonical lower-case UUID id (what the core writes) takes 16 bytes; any other id is kept
 * as length-prefixed UTF-8. Types are kept once in a table and referred to by ordinal.
 */
const UUID_FORM = 1;
const TEXT_FORM = 0;
const UUID_BYTES = 17;

/** The value of a lower-case hex digit's char code, or -1. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit += 1) HEX_VALUE['0123456789abcdef'.charCodeAt(digit)] = digit;
const DASH = 45;

/**
 * Writes a canonical lower-case UUID's 16 bytes after its form byte into `target`; false (and
 * `target` left partly written) when the id is anything else.
 */
function parseUuid(id: string, target: Uint8Array): boolean {
  if (id.length !== 36) return false;
  let at = 1;
  let position = 0;
  while (position < 36) {
    if (position === 8 || position === 13 || position === 18 || position === 23) {
      if (id.charCodeAt(position) !== DASH) return false;
      position += 1;
      continue;
    }
    const high = id.charCodeAt(position);
    const low = id.charCodeAt(position + 1);
    const highValue = (high < 128 ? HEX_VALUE[high] : -1) as number;
    const lowValue = (low < 128 ? HEX_VALUE[low] : -1) as number;
    if (highValue < 0 || lowValue < 0) return false;
    target[at] = (highValue << 4) | lowValue;
    at += 1;
    position += 2;
  }
  target[0] = UUID_FORM;
  return true;
}

const scratch = new Uint8Array(UUID_BYTES);

/**
 * An id in its stored form. With `reuse`, a UUID's form is written into one shared scratch
 * buffer (valid until the next call): for a caller that copies it at once.
 */
export function encodeId(id: string, reuse = false): Uint8Array {
  if (reuse ? parseUuid(id, scratch) : false) return scratch;
  const bytes = new Uint8Array(UUID_BYTES);
  if (parseUuid(id, bytes)) return bytes;
  const text = Buffer.from(id, 'utf8');
  if (text.length > 255) throw new RangeError('an event id longer than 255 bytes');
  const textForm = new Uint8Array(2 + text.length);
  textForm[0] = TEXT_FORM;
  textForm[1] = text.length;
  textForm.set(text, 2);
  return textForm;
}

/** Bytes an event takes, with its id already encoded. */
export function recordSize(event: EventToAppend, id: Uint8Array): number {
  return id.length + 6 + event.data.length + event.metadata.length;
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
  copyInto(target, id, offset);
  let at = offset + id.length;
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
  chunk[offset] === UUID_FORM ? UUID_BYTES : 2 + (chunk[offset + 1] as number);

/** Each byte's two lower-case hex digits, as char codes. */
const HEX_DIGITS = new Uint8Array(512);
for (let value = 0; value < 256; value += 1) {
  const hex = value.toString(16).padStart(2, '0');
  HEX_DIGITS[2 * value] = hex.charCodeAt(0);
  HEX_DIGITS[2 * value + 1] = hex.charCodeAt(1);
}
/** Where each of a UUID's 16 bytes goes in its 36 characters. */
const UUID_TEXT_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const uuidText = Buffer.alloc(36, '-');

/** The id of the record starting at `offset` (a UUID is spelled into one buffer, then read as one flat string). */
export function readId(chunk: Uint8Array, offset: number): string {
  if (chunk[offset] === UUID_FORM) {
    for (let at = 0; at < 16; at += 1) {
      const digits = 2 * (chunk[offset + 1 + at] as number);
      const text = UUID_TEXT_AT[at] as number;
      uuidText[text] = HEX_DIGITS[digits] as number;
      uuidText[text + 1] = HEX_DIGITS[digits + 1] as number;
    }
    return uuidText.toString('latin1', 0, 36);
  }
  return Buffer.from(chunk.buffer, chunk.byteOffset + offset + 2, chunk[offset + 1] as number).toString(
    'utf8',
  );
}

/** Whether the record starting at `offset` (of `length` bytes) has exactly this encoded id. */
export function hasId(chunk: Uint8Array, offset: number, length: number, id: Uint8Array): boolean {
  if (length < id.length) return false;
  for (let at = 0; at < id.length; at += 1) if (chunk[offset + at] !== id[at]) return false;
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
