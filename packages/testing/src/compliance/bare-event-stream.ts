import { PERIOD_EVENT_TYPES } from '@pinnstatistik/core';
import type { DomainEvent } from './audit-subject.js';

const DETAIL_TYPES: ReadonlySet<string> = new Set([
  'ContactTallied',
  'GroupMeetingTallied',
  'VisitorsTallied',
  'TallyVoided',
  'SeriesEnded',
  'SeriesEndMarked',
  'SheetClosed',
]);
const PERIOD_TYPES: ReadonlySet<string> = new Set(PERIOD_EVENT_TYPES);
const REGISTRY_TYPES: ReadonlySet<string> = new Set([
  'SheetRegistered',
  'SeriesRegistered',
  'RegistryClosed',
]);
const SERIES_TYPES: ReadonlySet<string> = new Set([
  'SeriesOpened',
  'SessionRecorded',
  'NoteWritten',
  'SessionsCarried',
  'SeriesClosing',
  'SeriesPadded',
]);
const SERIES_INDEX_TYPES: ReadonlySet<string> = new Set(['SeriesIndexed', 'SeriesClosed']);

/**
 * The stream a bare domain event is audited in, by its type: a catalogue's stream, one
 * sheet per intervention × unit × period, a period's stream or registry, one series for them
 * all, or the series index.
 * (Only tests see these names; the library keys real sheet names by the period key.)
 */
export function bareEventStream(event: DomainEvent): string {
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<
    string,
    unknown
  >;
  if (event.type === 'CatalogueAdopted') {
    const catalogue = data.catalogue as { id?: unknown } | undefined;
    return `catalogue-${String(catalogue?.id ?? 'unknown')}`;
  }
  if (DETAIL_TYPES.has(event.type)) {
    return `tally-${String(data.period)}-given-${String(data.interventionId)}.${String(data.unitId)}`;
  }
  if (PERIOD_TYPES.has(event.type)) return `period-${String(data.period)}`;
  if (REGISTRY_TYPES.has(event.type)) return `registry-${String(data.period)}`;
  if (SERIES_TYPES.has(event.type)) return 'series-given';
  if (SERIES_INDEX_TYPES.has(event.type)) return 'series-index';
  return `given-${event.type}`;
}
