import type { RecordedEvent } from '@pinnstatistik/core';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportHeader } from './export-format.js';
import { ExportFormatError } from './export-format-error.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(file: string, line: number, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ExportFormatError(file, line, 'not valid JSON');
  }
}

/** The header line, checked: the format and a version this reader knows. */
export function parseExportHeader(file: string, text: string | undefined): ExportHeader {
  if (text === undefined)
    throw new ExportFormatError(file, 1, 'the file is empty, not a pinnstatistik export');
  const header = parseJson(file, 1, text);
  if (!isObject(header) || header.format !== EXPORT_FORMAT) {
    throw new ExportFormatError(file, 1, `not a pinnstatistik export (no "${EXPORT_FORMAT}" header)`);
  }
  if (header.version !== EXPORT_VERSION) {
    throw new ExportFormatError(
      file,
      1,
      `export format version ${String(header.version)} is not supported (this reader knows ${EXPORT_VERSION})`,
    );
  }
  return header as unknown as ExportHeader;
}

/**
 * One event line, checked for shape. Its position in the file store is its line number, so a
 * finding's position points straight at the line.
 */
export function parseExportRecord(file: string, line: number, text: string): RecordedEvent {
  const record = parseJson(file, line, text);
  if (!isObject(record)) throw new ExportFormatError(file, line, 'not an event record');
  const problem =
    typeof record.stream !== 'string' || record.stream === ''
      ? 'stream'
      : !Number.isSafeInteger(record.revision) || (record.revision as number) < 0
        ? 'revision'
        : typeof record.id !== 'string'
          ? 'id'
          : typeof record.type !== 'string'
            ? 'type'
            : !('data' in record)
              ? 'data'
              : !isObject(record.metadata)
                ? 'metadata'
                : undefined;
  if (problem !== undefined)
    throw new ExportFormatError(file, line, `not an event record (missing or invalid "${problem}")`);
  return {
    stream: record.stream as string,
    revision: record.revision as number,
    position: String(line),
    id: record.id as string,
    type: record.type as string,
    data: record.data as RecordedEvent['data'],
    metadata: record.metadata as RecordedEvent['metadata'],
  };
}
