import type { EventStore, EventToAppend, RecordedEvent } from '@pinnstatistik/core';
import { CliError } from '../cli/cli-error.js';
import { createJsonLinesEventStore } from './json-lines-event-store.js';

const BATCH = 200;

async function appendRun(target: EventStore, run: readonly RecordedEvent[]): Promise<void> {
  const first = run[0];
  if (first === undefined) return;
  const events: EventToAppend[] = run.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }));
  const result = await target.append(first.stream, events, {
    expected: first.revision === 0 ? 'no-stream' : first.revision - 1,
  });
  if (result._tag === 'Left') {
    throw new CliError(
      `the target refused ${first.stream} at revision ${first.revision} (${result.left.code}); the import stopped there`,
    );
  }
}

/**
 * Appends every event of an export to a store, in the file's order, each stream at the same
 * revisions (so the chains stay valid): consecutive events of one stream go in one append.
 */
export async function importExport(
  file: string,
  target: EventStore,
  onProgress?: (events: number) => void,
): Promise<number> {
  let run: RecordedEvent[] = [];
  let events = 0;
  for await (const event of createJsonLinesEventStore(file).readAll()) {
    const last = run[run.length - 1];
    if (last !== undefined && (last.stream !== event.stream || run.length >= BATCH)) {
      await appendRun(target, run);
      run = [];
    }
    run.push(event);
    events += 1;
    if (onProgress !== undefined && events % 1000 === 0) onProgress(events);
  }
  await appendRun(target, run);
  return events;
}
