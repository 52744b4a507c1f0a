import { createHash } from 'node:crypto';

/**
 * The record key `givenTallySheet` gives a contact: derived from its command id, so the
 * expected `ContactTallied` can be written down (the service draws record keys at random).
 */
export function testRecordKey(commandId: string): number {
  return createHash('sha256').update(commandId).digest().readUInt32BE(0) / 2 ** 32;
}
