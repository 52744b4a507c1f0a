import type { SubscriptionFilter } from '@pinnstatistik/core';
import type { ClientFilterExpression } from './client-seam.js';
import { type ClientRecordedEvent, isSystemRecord } from './event-encoding.js';

/** How a subscription's filter is split between the server and the adapter. */
export interface FilterPlan {
  /** The server-side filter (the server takes one: on stream names or on event types). */
  readonly server: ClientFilterExpression;
  /** The whole filter, applied again by the adapter: system records out, both criteria in. */
  accepts(record: ClientRecordedEvent): boolean;
}

/** The tombstone's event type, escaped for a server-side expression. */
const TOMBSTONE_TYPE = '\\$streamDeleted';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits a filter: stream prefixes go to the server when given (event types are then checked
 * here), else the event types as an exact-match expression, else the server's own exclusion
 * of system event types (`^[^$]`). Either way the server sends checkpoints while it scans, and
 * tombstones (`$streamDeleted`, written into the deleted stream itself) pass the server's
 * filter, so the subscription learns of deletions; `accepts` never hands them on.
 */
export function planFilter(filter: SubscriptionFilter | undefined): FilterPlan {
  const prefixes = filter?.streamPrefixes;
  const types = filter?.eventTypes;
  const accepts = (record: ClientRecordedEvent): boolean =>
    !isSystemRecord(record) &&
    (types === undefined || types.includes(record.type)) &&
    (prefixes === undefined || prefixes.some((prefix) => record.streamId.startsWith(prefix)));
  if (prefixes !== undefined && prefixes.length > 0) {
    return { server: { filterOn: 'streamName', prefixes: [...prefixes] }, accepts };
  }
  if (types !== undefined && types.length > 0) {
    const alternatives = [...types.map(escapeRegex), TOMBSTONE_TYPE];
    return { server: { filterOn: 'eventType', regex: `^(?:${alternatives.join('|')})$` }, accepts };
  }
  return { server: { filterOn: 'eventType', regex: `^(?:[^$]|${TOMBSTONE_TYPE}$)` }, accepts };
}
