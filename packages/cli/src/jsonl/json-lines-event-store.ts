import { createCatchUpSubscription, type EventStore, type RecordedEvent } from '@pinnstatistik/core';
import type { ExportHeader } from './export-format.js';
import { type ReadExportOptions, readExport } from './read-export.js';

/** A read-only {@link EventStore} over an export file, with the file's header. */
export interface JsonLinesEventStore extends EventStore {
  readonly file: string;
  /** Reads and checks the header line. */
  header(): Promise<ExportHeader>;
}

/**
 * A read-only `EventStore` over a JSON Lines export, so the audit and reports run on the file
 * itself, without importing it into a database. Reads stream the file (bytes decoded from
 * base64, lines within a maximum length); a position is the event's line number in the file.
 * Writing is refused (an export is evidence, not a store): it throws.
 */
export function createJsonLinesEventStore(
  file: string,
  options: ReadExportOptions = {},
): JsonLinesEventStore {
  async function* events(): AsyncGenerator<RecordedEvent> {
    for await (const item of readExport(file, options)) if (item.kind === 'event') yield item.event;
  }

  const readAll: EventStore['readAll'] = async function* (readOptions = {}) {
    const after = readOptions.after === undefined ? 0 : Number(readOptions.after);
    let returned = 0;
    for await (const event of events()) {
      if (Number(event.position) <= after) continue;
      if (readOptions.limit !== undefined && returned >= readOptions.limit) return;
      returned += 1;
      yield event;
    }
  };

  const readStream: EventStore['readStream'] = async function* (stream, readOptions = {}) {
    const matching: RecordedEvent[] = [];
    for await (const event of events()) if (event.stream === stream) matching.push(event);
    const backwards = readOptions.direction === 'backwards';
    const ordered = backwards ? matching.reverse() : matching;
    const from = readOptions.fromRevision;
    const selected =
      from === undefined
        ? ordered
        : ordered.filter((event) => (backwards ? event.revision <= from : event.revision >= from));
    yield* readOptions.limit === undefined ? selected : selected.slice(0, readOptions.limit);
  };

  const readOnly = async (): Promise<never> => {
    throw new Error(`${file} is an export: it is read-only (import it into a store to write)`);
  };

  return {
    file,
    header: async () => {
      for await (const item of readExport(file, options)) if (item.kind === 'header') return item.header;
      throw new Error(`${file}: no header`);
    },
    append: readOnly,
    appendBatch: readOnly,
    deleteStreams: readOnly,
    readStream,
    readAll,
    // An export never grows: catch up, then wait for nothing.
    subscribe: (subscribeOptions, handler) =>
      createCatchUpSubscription(
        { readAll, nextAppend: () => new Promise<void>(() => undefined) },
        subscribeOptions,
        handler,
      ),
  };
}
