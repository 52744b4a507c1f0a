import type { EventStore, ReadAllOptions, RecordedEvent } from './event-store.js';

/** Events per page when a store has no pages of its own. */
const FALLBACK_PAGE = 1_024;

/**
 * Every stream's events in global order, a page at a time: the store's own `readAllPages`
 * where it has one, else `readAll` gathered into pages.
 */
export function readAllInPages(
  store: EventStore,
  options: ReadAllOptions = {},
): AsyncIterable<readonly RecordedEvent[]> {
  return store.readAllPages?.(options) ?? gathered(store.readAll(options));
}

async function* gathered(events: AsyncIterable<RecordedEvent>): AsyncIterable<readonly RecordedEvent[]> {
  let page: RecordedEvent[] = [];
  for await (const event of events) {
    page.push(event);
    if (page.length === FALLBACK_PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
