import { once } from 'node:events';
import type { Writable } from 'node:stream';
import {
  checkpointOf,
  createLogState,
  decodeInner,
  type EventStore,
  LOG_CHECKPOINT_STREAM,
  type LogCheckpoint,
  logRoot,
  readHeader,
} from '@pinnstatistik/core';
import {
  EXPORT_FORMAT,
  EXPORT_TRAILER_FORMAT,
  EXPORT_VERSION,
  type ExportHeader,
  type ExportRecord,
  type ExportTrailer,
  isExportedStream,
} from './export-format.js';

/** What an export wrote. */
export interface ExportSummary {
  readonly events: number;
  readonly streams: number;
  readonly trailer: ExportTrailer;
}

/** How to write an export. */
export interface WriteExportOptions {
  /** Where the log comes from, without credentials; goes into the header. */
  readonly source: string;
  /** The header's `exportedAt` (default: now). */
  readonly exportedAt?: string;
  readonly onProgress?: (events: number) => void;
  /** The latest checkpoint known before the log is read (an export file's trailer carries one; a store holds its own). */
  readonly checkpoint?: LogCheckpoint;
}

async function write(sink: Writable, text: string): Promise<void> {
  if (!sink.write(text)) await once(sink, 'drain');
}

const base64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/**
 * Writes the whole log as JSON Lines: a header line; every event in global order exactly as
 * stored (payload and envelope header in base64, public payloads also decoded as `view`); then
 * a trailer with the event count, the log tree's size and root, and the latest signed checkpoint
 * read before the end (a checkpoint commits to what came before it), with how many events it
 * does not cover. `checkpoint-*` streams stay out. Streams: memory grows with streams, not events.
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
  const state = createLogState();
  let checkpoint: LogCheckpoint | null = options.checkpoint ?? null;
  for await (const event of store.readAll()) {
    if (!isExportedStream(event.stream)) {
      if (event.stream === LOG_CHECKPOINT_STREAM) checkpoint = checkpointOf(event) ?? checkpoint;
      continue;
    }
    const plain = readHeader(event.metadata)?.codec === 'plain';
    const view = plain ? decodeInner(event.data) : undefined;
    const record: ExportRecord = {
      stream: event.stream,
      revision: event.revision,
      position: event.position,
      id: event.id,
      type: event.type,
      data: base64(event.data),
      metadata: base64(event.metadata),
      ...(view === undefined ? {} : { view: JSON.parse(Buffer.from(event.data).toString('utf8')) }),
    };
    await write(sink, `${JSON.stringify(record)}\n`);
    state.observe(event);
    if (options.onProgress !== undefined && state.events % 1000 === 0) options.onProgress(state.events);
  }
  const leaves = state.leaves();
  const signedSizes = new Map((checkpoint?.leaves ?? []).map((leaf) => [leaf.stream, leaf.size]));
  const trailer: ExportTrailer = {
    format: EXPORT_TRAILER_FORMAT,
    events: state.events,
    treeSize: leaves.length,
    root: Buffer.from(logRoot(leaves)).toString('hex'),
    checkpoint,
    eventsAfterCheckpoint: leaves.reduce(
      (sum, leaf) => sum + Math.max(0, leaf.size - (signedSizes.get(leaf.stream) ?? 0)),
      0,
    ),
  };
  await write(sink, `${JSON.stringify(trailer)}\n`);
  return { events: state.events, streams: leaves.length, trailer };
}
