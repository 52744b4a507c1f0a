import type { JsonValue, LogCheckpoint } from '@pinnstatistik/core';

/** The `format` of the header line that starts every export. */
export const EXPORT_FORMAT = 'pinnstatistik/log-export';

/** The `format` of the trailer line that ends every export. */
export const EXPORT_TRAILER_FORMAT = 'pinnstatistik/log-export-end';

/** The export format's version; readers refuse versions they do not know. */
export const EXPORT_VERSION = 2;

/** The longest line a reader accepts by default (16 MiB): far above any line pinnstatistik writes. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

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
 * Every line between header and trailer: one event exactly as stored, in the source's global
 * order. `data` (the payload) and `metadata` (the 34-byte envelope header: format, codec, chain
 * hash) are the stored bytes in base64; `view` is the payload of a public event decoded, for
 * people (a reader checks it against `data`; it is never what is hashed). `position` is the
 * source store's global position.
 */
export interface ExportRecord {
  readonly stream: string;
  readonly revision: number;
  readonly position: string;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly view?: JsonValue;
}

/**
 * The last line: what the file must add up to — events, streams (the log tree's size) and the
 * log's root over them — and the latest signed checkpoint the source had, with how many events
 * it does not cover (those only their hash chains vouch for).
 */
export interface ExportTrailer {
  readonly format: typeof EXPORT_TRAILER_FORMAT;
  readonly events: number;
  readonly treeSize: number;
  readonly root: string;
  readonly checkpoint: LogCheckpoint | null;
  readonly eventsAfterCheckpoint: number;
}

/** Streams an export leaves out: `checkpoint-*` (projection checkpoints, signed log checkpoints) are outside the log tree. */
export function isExportedStream(stream: string): boolean {
  return !stream.startsWith('checkpoint-');
}
