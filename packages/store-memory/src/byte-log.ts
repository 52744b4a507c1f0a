import { growableInts } from './growable.js';

const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Encoded events as UTF-8 bytes, packed end to end in large buffers: a record costs its bytes
 * and 12 bytes of offsets — no string header, no slack — and the log never copies what it holds.
 */
export interface ByteLog {
  readonly length: number;
  /** Appends a record; returns its index. */
  push(text: string): number;
  /** The record at an index, as the text pushed. */
  text(index: number): string;
  /** Whether the record at an index has `prefix` at `offset` (in UTF-16 code units of its text). */
  startsWith(index: number, prefix: string, offset: number): boolean;
  /** Bytes held in records. */
  readonly bytes: number;
}

/** An empty byte log. */
export function createByteLog(): ByteLog {
  const chunks: Buffer[] = [];
  const chunkOf = growableInts();
  const startOf = growableInts();
  const lengthOf = growableInts();
  let current = Buffer.allocUnsafe(0);
  let used = 0;
  let bytes = 0;

  return {
    get length() {
      return lengthOf.length;
    },
    get bytes() {
      return bytes;
    },
    push(text) {
      // A UTF-8 encoding is at most three bytes per UTF-16 code unit.
      const worst = text.length * 3;
      if (current.length - used < worst) {
        const size = Math.max(CHUNK_BYTES, worst);
        current = Buffer.allocUnsafeSlow(size);
        chunks.push(current);
        used = 0;
      }
      const written = current.write(text, used, 'utf8');
      chunkOf.push(chunks.length - 1);
      startOf.push(used);
      lengthOf.push(written);
      used += written;
      bytes += written;
      return lengthOf.length - 1;
    },
    text(index) {
      const start = startOf.at(index);
      return (chunks[chunkOf.at(index)] as Buffer).toString('utf8', start, start + lengthOf.at(index));
    },
    startsWith(index, prefix, offset) {
      if (lengthOf.at(index) < offset + prefix.length) return false;
      const chunk = chunks[chunkOf.at(index)] as Buffer;
      const start = startOf.at(index) + offset;
      for (let position = 0; position < prefix.length; position += 1) {
        const code = prefix.charCodeAt(position);
        // Bytes and code units line up only while everything compared is ASCII.
        if (code > 0x7f) return this.text(index).startsWith(prefix, offset);
        if (chunk[start + position] !== code) return false;
      }
      return true;
    },
  };
}
