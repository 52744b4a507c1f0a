import { type ChainFinding, type ChainLink, checkLink } from '../envelope/chain-verifier.js';
import { readHeader } from '../envelope/envelope-header.js';
import type { EventStore, RecordedEvent } from '../ports/event-store.js';
import { IntegrityError } from './integrity-error.js';

/** Bytes kept of each verified event's chain hash: enough that no altered event can match (2^128 work). */
export const KEPT_HASH_BYTES = 16;

/**
 * What a process keeps of a stream it verified, to read single events back later without
 * reading the stream again: a prefix of every event's chain hash, by revision (16 bytes an
 * event, in pages).
 */
export interface VerifiedHashes {
  /** The revision after the last one kept. */
  readonly size: number;
  /** Keeps the next revision's hash (one kept already is ignored; a gap is a programmer error). */
  keep(revision: number, hash: Uint8Array): void;
  matches(revision: number, hash: Uint8Array): boolean;
}

const PAGE_EVENTS = 4096;

/** Hash prefixes by revision, in pages of 4,096 events. */
export function createVerifiedHashes(): VerifiedHashes {
  const pages: Uint8Array[] = [];
  let size = 0;
  const at = (revision: number) => ({
    page: pages[Math.floor(revision / PAGE_EVENTS)],
    offset: (revision % PAGE_EVENTS) * KEPT_HASH_BYTES,
  });
  return {
    get size() {
      return size;
    },
    keep(revision, hash) {
      if (revision < size) return;
      if (revision > size) throw new Error(`hash of revision ${revision} kept after ${size - 1}: a gap`);
      const index = Math.floor(revision / PAGE_EVENTS);
      if (pages[index] === undefined) pages[index] = new Uint8Array(PAGE_EVENTS * KEPT_HASH_BYTES);
      (pages[index] as Uint8Array).set(
        hash.subarray(0, KEPT_HASH_BYTES),
        (revision % PAGE_EVENTS) * KEPT_HASH_BYTES,
      );
      size += 1;
    },
    matches(revision, hash) {
      if (revision >= size) return false;
      const { page, offset } = at(revision);
      if (page === undefined) return false;
      for (let byte = 0; byte < KEPT_HASH_BYTES; byte += 1)
        if (page[offset + byte] !== hash[byte]) return false;
      return true;
    },
  };
}

const altered = (recorded: RecordedEvent): ChainFinding => ({
  code: 'CHAIN_HASH_MISMATCH',
  stream: recorded.stream,
  revision: recorded.revision,
  position: recorded.position,
  message: 'the stored event is not the one this process verified when it read the stream (altered since)',
});

/**
 * Reads `count` events of a stream from `from` again, each checked to be the event verified
 * before: the one before `from` by its kept hash, the rest by the chain from it and by their
 * own kept hashes. An altered, removed or reordered event throws {@link IntegrityError};
 * fewer events come back only when the stream ends (or was deleted) there.
 */
export async function readVerified(
  store: EventStore,
  stream: string,
  hashes: VerifiedHashes,
  from: number,
  count: number,
): Promise<RecordedEvent[]> {
  const start = Math.max(0, from - 1);
  const until = Math.min(from + count, hashes.size);
  const events: RecordedEvent[] = [];
  if (until <= from) return events;
  let link: ChainLink | undefined;
  for await (const recorded of store.readStream(stream, { fromRevision: start, limit: until - start })) {
    const hash = readHeader(recorded.metadata)?.hash;
    if (recorded.revision === start && start === from - 1) {
      if (hash === undefined || !hashes.matches(start, hash)) throw new IntegrityError(altered(recorded));
    } else {
      const finding = checkLink(recorded, link);
      if (finding !== undefined) throw new IntegrityError(finding);
      if (hash === undefined || !hashes.matches(recorded.revision, hash))
        throw new IntegrityError(altered(recorded));
      events.push(recorded);
    }
    link = { revision: recorded.revision, hash: hash as Uint8Array };
  }
  return events;
}
