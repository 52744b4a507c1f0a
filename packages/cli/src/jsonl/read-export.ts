import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { RecordedEvent } from '@pinnstatistik/core';
import { DEFAULT_MAX_LINE_BYTES, type ExportHeader, type ExportTrailer } from './export-format.js';
import { ExportFormatError } from './export-format-error.js';
import {
  isTrailerLine,
  parseExportHeader,
  parseExportRecord,
  parseExportTrailer,
  parseJsonLine,
} from './parse-export-line.js';
import { LineTooLong, readLines } from './read-lines.js';

/** How to read an export. */
export interface ReadExportOptions {
  /** The longest line accepted (default {@link DEFAULT_MAX_LINE_BYTES}); a longer one is a format error. */
  readonly maxLineBytes?: number;
}

/** What an export's lines are, in order. */
export type ExportItem =
  | { readonly kind: 'header'; readonly header: ExportHeader; readonly line: number }
  | {
      readonly kind: 'event';
      readonly event: RecordedEvent;
      readonly line: number;
      readonly view: 'none' | 'matches' | 'differs';
    }
  | { readonly kind: 'trailer'; readonly trailer: ExportTrailer; readonly line: number };

/**
 * Streams an export: the header (checked first), every event, and the trailer if the file has
 * one (nothing may follow it). Lines are read as bytes within a maximum length, so a huge line
 * fails at once in constant memory, naming its line.
 */
export async function* readExport(file: string, options: ReadExportOptions = {}): AsyncGenerator<ExportItem> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const input = createReadStream(file, { highWaterMark: 256 * 1024 });
  let headerSeen = false;
  let trailerLine: number | undefined;
  try {
    for await (const { line, bytes } of readLines(input, maxLineBytes)) {
      if (bytes.length === 0 || (bytes.length < 8 && bytes.toString('latin1').trim() === '')) continue;
      const value = parseJsonLine(file, line, bytes);
      if (!headerSeen) {
        headerSeen = true;
        yield { kind: 'header', header: parseExportHeader(file, value), line };
        continue;
      }
      if (trailerLine !== undefined)
        throw new ExportFormatError(file, line, `content after the trailer (line ${trailerLine})`);
      if (isTrailerLine(value)) {
        trailerLine = line;
        yield { kind: 'trailer', trailer: parseExportTrailer(file, line, value), line };
        continue;
      }
      const { event, view } = parseExportRecord(file, line, value);
      yield { kind: 'event', event, line, view };
    }
  } catch (error) {
    if (error instanceof LineTooLong)
      throw new ExportFormatError(
        file,
        error.line,
        `the line is longer than ${error.limit} bytes (--max-line-bytes); reading stopped there`,
      );
    throw error;
  } finally {
    input.destroy();
  }
  if (!headerSeen) parseExportHeader(file, undefined);
}

/**
 * The trailer, read from the end of the file without reading the rest (so a verifier knows the
 * sizes the carried checkpoint signed before it streams the events); `undefined` when the last
 * line is not a trailer.
 */
export async function readExportTrailer(
  file: string,
  options: ReadExportOptions = {},
): Promise<ExportTrailer | undefined> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxLineBytes + 2);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    let end = tail.length;
    while (end > 0 && (tail[end - 1] === 10 || tail[end - 1] === 13)) end -= 1;
    const start = tail.lastIndexOf(10, end - 1) + 1;
    if (start === 0 && length < size) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(tail.subarray(start, end).toString('utf8'));
    } catch {
      return undefined;
    }
    if (!isTrailerLine(value)) return undefined;
    return parseExportTrailer(file, 0, value);
  } finally {
    await handle.close();
  }
}
