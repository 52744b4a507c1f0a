import { createCatchUpSubscription, type EventStore, type RecordedEvent } from '@pinnstatistik/core';
import type { ExportHeader } from './export-format.js';
import { parseExportHeader, parseExportRecord } from './parse-export-line.js';
import { readExportLines } from './read-export-lines.js';

/** A read-only {@link EventStore} over an export file, with the file's header. */
export interface JsonLinesEventStore extends EventStore {
  readonly file: string;
  /** Reads and checks the header line. */
  header(): Promise<ExportHeader>;
}

/**
 * A read-only `EventStore` over a JSON Lines export, so the audit and reports run on the file
 * itself, without importing it into a database. Reads stream the file; a position is the
 * event's line number in the file. Appending is refused (an export is evidence, not a store):
 * it throws.
 */
export function createJsonLinesEventStore(file: string): JsonLinesEventStore {
  async function* events(): AsyncGenerator<RecordedEvent> {
    let first = true;
    for await (const { line, text } of readExportLines(file)) {
      if (first) {
        parseExportHeader(file, text);
        first = false;
        continue;
      }
      yield parseExportRecord(file, line, text);
    }
    if (first) parseExportHeader(file, undefined);
  }

  const readAll: EventStore['readAll'] = async function* (options = {}) {
    const after = options.after === undefined ? 0 : Number(options.after);
    let returned = 0;
    for await (const event of events()) {
      if (Number(event.position) <= after) continue;
      if (options.limit !== undefined && returned >= options.limit) return;
      returned += 1;
      yield event;
    }
  };

  const readStream: EventStore['readStream'] = async function* (stream, options = {}) {
    const matching: RecordedEvent[] = [];
    for await (const event of events()) if (event.stream === stream) matching.push(event);
    const backwards = options.direction === 'backwards';
    const ordered = backwards ? matching.reverse() : matching;
    const from = options.fromRevision;
    const selected =
      from === undefined
        ? ordered
        : ordered.filter((event) => (backwards ? event.revision <= from : event.revision >= from));
    yield* options.limit === undefined ? selected : selected.slice(0, options.limit);
  };

  return {
    file,
    header: async () => {
      for await (const { text } of readExportLines(file)) return parseExportHeader(file, text);
      return parseExportHeader(file, undefined);
    },
    append: async () => {
      throw new Error(`${file} is an export: it is read-only (import it into a store to write)`);
    },
    readStream,
    readAll,
    // An export never grows: catch up, then wait for nothing.
    subscribe: (options, handler) =>
      createCatchUpSubscription(
        { readAll, nextAppend: () => new Promise<void>(() => undefined) },
        options,
        handler,
      ),
  };
}
