/** A line of a byte stream, with its 1-based number. */
export interface NumberedLine {
  readonly line: number;
  readonly bytes: Buffer;
}

/** A line longer than the reader accepts: reading stopped there. */
export class LineTooLong extends Error {
  readonly code = 'LINE_TOO_LONG' as const;
  readonly line: number;
  readonly limit: number;
  constructor(line: number, limit: number) {
    super(`line ${line} is longer than ${limit} bytes`);
    this.name = 'LineTooLong';
    this.line = line;
    this.limit = limit;
  }
}

/**
 * Splits a byte stream into lines (LF, an optional CR before it dropped), holding at most
 * `maxLineBytes` of one line: a longer line throws {@link LineTooLong} as soon as the limit is
 * passed, whatever follows — memory stays bounded by the limit and one chunk.
 */
export async function* readLines(
  chunks: AsyncIterable<Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<NumberedLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let line = 0;
  const take = (tail: Buffer): Buffer => {
    const whole = parts.length === 0 ? tail : Buffer.concat([...parts, tail], length + tail.length);
    parts = [];
    length = 0;
    return whole.length > 0 && whole[whole.length - 1] === 13 ? whole.subarray(0, whole.length - 1) : whole;
  };
  for await (const chunk of chunks) {
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let end = bytes.indexOf(10, start); end !== -1; end = bytes.indexOf(10, start)) {
      line += 1;
      if (length + (end - start) > maxLineBytes) throw new LineTooLong(line, maxLineBytes);
      yield { line, bytes: take(bytes.subarray(start, end)) };
      start = end + 1;
    }
    if (start < bytes.length) {
      length += bytes.length - start;
      if (length > maxLineBytes) throw new LineTooLong(line + 1, maxLineBytes);
      // Copied: a stream may reuse its chunk's memory.
      parts.push(Buffer.from(bytes.subarray(start)));
    }
  }
  if (length > 0) {
    line += 1;
    yield { line, bytes: take(Buffer.alloc(0)) };
  }
}
