import { catalogueStream, checkLink, type EventStore, openEvent } from '@pinnstatistik/core';

/**
 * Which store a release was recorded in, as a release proof binds it: the hash (hex) of the first
 * event of the store's catalogue stream — written by the operator before anything can be tallied
 * or reported, never deleted, kept byte for byte by an export and its import, and different in
 * every store that adopted the catalogue by a command of its own (its command id is in the hash).
 * `null` when the store holds no such event, or one whose stored hash does not follow from its bytes. Two stores may share one key store (a staging store
 * beside production): a proof bound to the stream name alone held in both, and a staging
 * release with nothing hidden, copied into production, blinded its joint protection (attack 36).
 */
export async function releaseOrigin(store: EventStore, catalogueId: string): Promise<string | null> {
  const stream = catalogueStream(catalogueId);
  try {
    for await (const recorded of store.readStream(stream, { limit: 1 })) {
      // The stored hash must follow from the event itself (genesis, this stream, its bytes): a
      // header claiming another store's origin over other bytes names no origin (attack 44, round 2).
      if (checkLink(recorded, undefined, stream) !== undefined) return null;
      return Buffer.from(openEvent(recorded).hash).toString('hex');
    }
  } catch {
    // Bytes of another format where the catalogue should be: no origin a proof can name.
  }
  return null;
}
