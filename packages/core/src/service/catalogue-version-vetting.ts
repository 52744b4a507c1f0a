import { checkLink } from '../envelope/chain-verifier.js';
import { readHeader } from '../envelope/envelope-header.js';
import { hashFromHexOrUndefined, toHex } from '../merkle/encoding.js';
import type { RecordedEvent } from '../ports/event-store.js';
import type { KeyStore } from '../ports/key-store.js';
import { isRegisteredCatalogueVersion, registersCatalogueVersions } from './catalogue-versions.js';
import { isRegisteredStoreOrigin } from './store-origin.js';

/**
 * How far a reader has walked one catalogue stream's hash chain (hashes in hex). `hash` is
 * `null` once a link did not hold: nothing after it can be matched with what was registered.
 */
export interface CatalogueChainHead {
  readonly stream: string;
  readonly revision: number;
  readonly hash: string | null;
  /** The stream's first event's hash — the store's origin — or `null` when it did not hold. */
  readonly origin: string | null;
}

/** Tells which catalogue events a reader holding the keys may fold. */
export interface CatalogueVersionVetting {
  /**
   * Call with every event of every catalogue stream, in stream order: whether it is a version the
   * operator adopted. Its hash is worked out from its bytes and the chain before it — a stored
   * hash is the attacker's to write — so a match with a registered hash means these very bytes, at
   * this place, in this store (a version of a staging store sharing the key store does not chain
   * here). A store whose versions are not registered (adopted before they were) folds them all
   * while the key store knows its origin, and nothing otherwise.
   */
  vet(event: RecordedEvent): Promise<boolean>;
  /** Where each stream's walk stands, for a reader's checkpoint. */
  heads(): readonly CatalogueChainHead[];
}

/** A vetting walk, resumed from a checkpoint's heads when given. */
export function createCatalogueVersionVetting(
  keys: KeyStore,
  resumed: readonly CatalogueChainHead[] = [],
): CatalogueVersionVetting {
  const heads = new Map(resumed.map((head) => [head.stream, head]));
  const walk = (event: RecordedEvent): CatalogueChainHead => {
    const head = heads.get(event.stream);
    const origin = head?.origin ?? null;
    const broken = { stream: event.stream, revision: event.revision, hash: null, origin };
    const previous = head === undefined ? undefined : hashFromHexOrUndefined(head.hash);
    if (head !== undefined && previous === undefined) return broken;
    const link =
      head === undefined || previous === undefined ? undefined : { revision: head.revision, hash: previous };
    if (checkLink(event, link) !== undefined) return broken;
    const hash = toHex((readHeader(event.metadata) as { hash: Uint8Array }).hash);
    return {
      stream: event.stream,
      revision: event.revision,
      hash,
      origin: head === undefined ? hash : origin,
    };
  };
  return {
    async vet(event) {
      const head = walk(event);
      heads.set(event.stream, head);
      if (head.origin === null) return false;
      if (await registersCatalogueVersions(keys, head.origin))
        return head.hash !== null && (await isRegisteredCatalogueVersion(keys, head.hash));
      // Not marked: a store the key store knows (adopted before versions were registered) has every
      // version folded until the operator registers them; a catalogue stream anyone else began — a
      // second stream beside the operator's (attack 45, finding 1), or the first event of a new
      // store written before the operator's adoption (attack 46, finding 3) — folds nothing.
      return isRegisteredStoreOrigin(keys, head.origin);
    },
    heads: () => [...heads.values()],
  };
}
