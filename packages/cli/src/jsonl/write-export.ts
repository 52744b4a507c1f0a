import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { EventStore } from '@pinnstatistik/core';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type ExportRecord,
  isExportedStream,
} from './export-format.js';

/** What an export wrote. */
export interface ExportSummary {
  readonly events: number;
  readonly streams: number;
}

/** How to write an export. */
export interface WriteExportOptions {
  /** Where the log comes from, without credentials; goes into the header. */
  readonly source: string;
  /** The header's `exportedAt` (default: now). */
  readonly exportedAt?: string;
  readonly onProgress?: (events: number) => void;
}

async function write(sink: Writable, text: string): Promise<void> {
  if (!sink.write(text)) await once(sink, 'drain');
}

/**
 * Writes the whole log as JSON Lines: a header line, then every event in global order exactly
 * as stored (hash chains intact), one per line. Streams through the log: memory stays flat.
 */
export async function writeExport(
  store: EventStore,
  sink: Writable,
  options: WriteExportOptions,
): Promise<ExportSummary> {
  const header: ExportHeader = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    source: options.source,
  };
  await write(sink, `${JSON.stringify(header)}\n`);
  const streams = new Set<string>();
  let events = 0;
  for await (const event of store.readAll()) {
    if (!isExportedStream(event.stream)) continue;
    const record: ExportRecord = {
      stream: event.stream,
      revision: event.revision,
      position: event.position,
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    };
    await write(sink, `${JSON.stringify(record)}\n`);
    streams.add(event.stream);
    events += 1;
    if (options.onProgress !== undefined && events % 1000 === 0) options.onProgress(events);
  }
  return { events, streams: streams.size };
}
