import { canonicalJson, type JsonValue, parseLogCheckpoint, type RecordedEvent } from '@pinnstatistik/core';
import {
  EXPORT_FORMAT,
  EXPORT_TRAILER_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type ExportTrailer,
} from './export-format.js';
import { ExportFormatError } from './export-format-error.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A line's JSON, or a format error naming the line. */
export function parseJsonLine(file: string, line: number, bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new ExportFormatError(file, line, 'not valid JSON');
  }
}

/** Base64 that decodes and re-encodes to itself; `undefined` otherwise. */
function base64Bytes(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string' || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value))
    return undefined;
  const bytes = Buffer.from(value, 'base64');
  if (bytes.toString('base64') !== value) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The header line, checked: the format and a version this reader knows. */
export function parseExportHeader(file: string, value: unknown | undefined): ExportHeader {
  if (value === undefined)
    throw new ExportFormatError(file, 1, 'the file is empty, not a pinnstatistik export');
  if (!isObject(value) || value.format !== EXPORT_FORMAT)
    throw new ExportFormatError(file, 1, `not a pinnstatistik export (no "${EXPORT_FORMAT}" header)`);
  if (value.version !== EXPORT_VERSION)
    throw new ExportFormatError(
      file,
      1,
      `export format version ${String(value.version)} is not supported (this reader knows ${EXPORT_VERSION})`,
    );
  return value as unknown as ExportHeader;
}

/** Whether a parsed line is the trailer. */
export function isTrailerLine(value: unknown): boolean {
  return isObject(value) && value.format === EXPORT_TRAILER_FORMAT;
}

/** The trailer line, checked for shape. */
export function parseExportTrailer(file: string, line: number, value: unknown): ExportTrailer {
  const count = (field: unknown) => Number.isSafeInteger(field) && (field as number) >= 0;
  if (
    !isObject(value) ||
    !count(value.events) ||
    !count(value.treeSize) ||
    !count(value.eventsAfterCheckpoint) ||
    typeof value.root !== 'string' ||
    !/^[0-9a-f]{64}$/.test(value.root)
  )
    throw new ExportFormatError(file, line, 'not an export trailer (events, treeSize, root)');
  const checkpoint = value.checkpoint === null ? null : parseLogCheckpoint(value.checkpoint);
  if (checkpoint === undefined)
    throw new ExportFormatError(file, line, 'the trailer holds a malformed checkpoint');
  return {
    format: EXPORT_TRAILER_FORMAT,
    events: value.events as number,
    treeSize: value.treeSize as number,
    root: value.root,
    checkpoint,
    eventsAfterCheckpoint: value.eventsAfterCheckpoint as number,
  };
}

/** An event line, and whether its readable view (if any) shows exactly its payload. */
export interface ParsedRecord {
  readonly event: RecordedEvent;
  readonly view: 'none' | 'matches' | 'differs';
}

/**
 * One event line, checked for shape; its bytes from base64. Its position in the file store is
 * its line number, so a finding's position points straight at the line.
 */
export function parseExportRecord(file: string, line: number, value: unknown): ParsedRecord {
  if (!isObject(value)) throw new ExportFormatError(file, line, 'not an event record');
  const data = base64Bytes(value.data);
  const metadata = base64Bytes(value.metadata);
  const problem =
    typeof value.stream !== 'string' || value.stream === ''
      ? 'stream'
      : !Number.isSafeInteger(value.revision) || (value.revision as number) < 0
        ? 'revision'
        : typeof value.id !== 'string'
          ? 'id'
          : typeof value.type !== 'string'
            ? 'type'
            : data === undefined
              ? 'data'
              : metadata === undefined
                ? 'metadata'
                : undefined;
  if (problem !== undefined)
    throw new ExportFormatError(file, line, `not an event record (missing or invalid "${problem}")`);
  let view: ParsedRecord['view'] = 'none';
  if ('view' in value) {
    try {
      view =
        canonicalJson(value.view as JsonValue) === Buffer.from(data as Uint8Array).toString('utf8')
          ? 'matches'
          : 'differs';
    } catch {
      view = 'differs';
    }
  }
  return {
    event: {
      stream: value.stream as string,
      revision: value.revision as number,
      position: String(line),
      id: value.id as string,
      type: value.type as string,
      data: data as Uint8Array,
      metadata: metadata as Uint8Array,
    },
    view,
  };
}
