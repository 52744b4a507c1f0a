import type { KeyStore } from '@pinnstatistik/core';

/**
 * The key-store slot that anchors the operator's release number `sequence` (0, 1, …) in the store
 * whose origin is `origin` (see `releaseOrigin`; two stores may share one key store). Only its
 * existence matters (its material is never used): the event store can be rewritten by anyone
 * who can write to it — a release deleted and the stream re-chained after it leaves a consistent
 * stream — but the key store cannot, so the slots say how many releases there must be (attack 37).
 * Slots are never destroyed by the library.
 */
export const releaseAnchorId = (origin: string | null, sequence: number): string =>
  `release-anchor-${origin ?? 'none'}-${sequence}`;

/** Makes the anchor of release `sequence` (nothing happens when it exists). */
export async function anchorRelease(keys: KeyStore, origin: string | null, sequence: number): Promise<void> {
  // Not zeroed: a key store may hand out the material it holds, not a copy.
  await keys.create(releaseAnchorId(origin, sequence));
}

/** Whether release `sequence` was anchored: it was being recorded, so the stream must hold it. */
export async function isAnchored(keys: KeyStore, origin: string | null, sequence: number): Promise<boolean> {
  return (await keys.get(releaseAnchorId(origin, sequence))) !== undefined;
}
