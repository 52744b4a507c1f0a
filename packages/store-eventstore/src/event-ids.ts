const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Whether the id can be the server's event id as it is: a canonical (lower-case), non-nil UUID. */
export function isServerEventId(id: string): boolean {
  return CANONICAL_UUID.test(id) && id !== NIL_UUID;
}

/**
 * Refuses an event id the server cannot keep exactly. The port's ids are UUIDs (the core
 * derives them, keyed for private streams); the server stores a UUID and answers reads with
 * its canonical lower-case form, and refuses the nil UUID, so anything else would either be
 * refused by the server or come back changed — a programmer error, thrown before sending.
 */
export function assertServerEventId(id: string): void {
  if (!isServerEventId(id)) {
    throw new TypeError('an event id on EventStoreDB is a canonical lower-case UUID (not nil)');
  }
}
