import { createHash } from 'node:crypto';

/** The metadata key that keeps an event id which is not a UUID (EventStoreDB ids must be UUIDs). */
export const ORIGINAL_ID_KEY = 'pinnstatistik:eventId';

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Whether the id can be the server's event id as it is. */
export function isServerEventId(id: string): boolean {
  return CANONICAL_UUID.test(id) && id !== NIL_UUID;
}

/**
 * The server's event id for one of ours: the id itself when it is a canonical (lower-case) UUID,
 * as the core derives them; otherwise a UUID (version 8) derived from it by SHA-256, so a
 * re-append of the same id has the same server id and the server de-duplicates it.
 */
export function serverEventId(id: string): string {
  if (isServerEventId(id)) return id;
  const digest = createHash('sha256').update(`pinnstatistik-event-id\u0000${id}`).digest();
  digest[6] = ((digest[6] ?? 0) & 0x0f) | 0x80;
  digest[8] = ((digest[8] ?? 0) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
