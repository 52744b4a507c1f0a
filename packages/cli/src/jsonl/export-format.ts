import type { JsonObject, JsonValue } from '@pinnstatistik/core';

/** The `format` of the header line that starts every export. */
export const EXPORT_FORMAT = 'pinnstatistik/log-export';

/** The export format's version; readers refuse versions they do not know. */
export const EXPORT_VERSION = 1;

/** The first line of an export. */
export interface ExportHeader {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  /** When the export was written (ISO 8601). */
  readonly exportedAt: string;
  /** Where it came from, without credentials (`PostgreSQL at 127.0.0.1:5432`). */
  readonly source: string;
}

/**
 * Every further line: one recorded event, in the source's global order. `position` is the
 * source store's global position; `data` and `metadata` are exactly as stored (encrypted
 * detail stays encrypted; `metadata.prev`/`metadata.hash` carry the hash chain).
 */
export interface ExportRecord {
  readonly stream: string;
  readonly revision: number;
  readonly position: string;
  readonly id: string;
  readonly type: string;
  readonly data: JsonValue;
  readonly metadata: JsonObject;
}

/** Streams an export leaves out: projection checkpoints are derived state, not the log. */
export function isExportedStream(stream: string): boolean {
  return !stream.startsWith('checkpoint-');
}
