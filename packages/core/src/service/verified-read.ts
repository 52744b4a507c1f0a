import { type ChainFinding, type ChainLink, checkLink } from '../envelope/chain-verifier.js';
import { readHeader } from '../envelope/envelope-header.js';
import type { EventStore, RecordedEvent } from '../ports/event-store.js';
import { IntegrityError } from './integrity-error.js';

/** Bytes kept of each verified event's chain hash: enough that no altered event can match (2^128 work). */
const KEPT_HASH_BYTES = 16;

/**
 * What a process keeps of a stream it verified, to read single events back later without
 * reading the stream again: a prefix of every event's chain hash, by revision (16 bytes an
 * event).
 */
export interface VerifiedHashes {
  /** The revision after the last one kept. */
  readonly size: number;
  /** Keeps the next revision's hash (one kept already is ignored; a gap is a programmer error). */
  keep(revision: number, hash: Uint8Array): void;
  matches(revision: number, hash: Uint8Array): boolean;
}

/** Hash prefixes by revision, in one buffer that doubles as the stream grows (most sheets are short). */
export function createVerifiedHashes(): VerifiedHashes {
  let prefixes = new Uint8Array(16 * KEPT_HASH_BYTES);
  let size = 0;
  return {
    get size() {
      return size;
    },
    keep(revision, hash) {
      if (revision < size) return;
      if (revision > size) throw new Error(`hash of revision ${revision} kept after ${size - 1}: a gap`);
      if ((size + 1) * KEPT_HASH_BYTES > prefixes.length) {
        const grown = new Uint8Array(prefixes.length * 2);
        grown.set(prefixes);
        prefixes = grown;
      }
      prefixes.set(hash.subarray(0, KEPT_HASH_BYTES), size * KEPT_HASH_BYTES);
      size += 1;
    },
    matches(revision, hash) {
      if (revision >= size) return false;
      const offset = revision * KEPT_HASH_BYTES;
      for (let byte = 0; byte < KEPT_HASH_BYTES; byte += 1)
        if (prefixes[offset + byte] !== hash[byte]) return false;
      return true;
    },
  };
}

/**
 * Thrown by {@link readVerified} when the stream is gone (deleted: its month sealed, here or in
 * another process) — the command meets a deleted stream, as its append would.
 */
export class StreamDeletedUnderRead extends Error {
  readonly code = 'STREAM_DELETED_UNDER_READ' as const;
  readonly stream: string;

  constructor(stream: string) {
    super(`stream ${stream} was deleted while it was read back`);
    this.name = 'StreamDeletedUnderRead';
    this.stream = stream;
  }
}

/** Structural guard for {@link StreamDeletedUnderRead}. */
export function isStreamDeletedUnderRead(value: unknown): value is StreamDeletedUnderRead {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { code?: unknown }).code === 'STREAM_DELETED_UNDER_READ'
  );
}

/** The finding for a verified event the store no longer returns. */
export const missing = (stream: string, revision: number): ChainFinding => ({
  code: 'CHAIN_REVISION_GAP',
  stream,
  revision,
  position: '',
  message: 'an event this process verified is no longer returned by the store (removed or hidden since)',
});

/** Whether a stream has no events at all any more (its first one is gone too). */
export async function isGone(store: EventStore, stream: string): Promise<boolean> {
  for await (const _event of store.readStream(stream, { fromRevision: 0, limit: 1 })) return false;
  return true;
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
 * own kept hashes. Every revision below `hashes.size` was verified, so each must come back: an
 * altered, removed, hidden or reordered event throws {@link IntegrityError}, a stream deleted
 * meanwhile {@link StreamDeletedUnderRead}. The events returned are copies (a deletion may wipe
 * the store's bytes while they are opened).
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
  let next = start;
  for await (const recorded of store.readStream(stream, { fromRevision: start, limit: until - start })) {
    // Exactly the revisions asked for, in order: a store answering from elsewhere in the stream
    // (genuine, verified events at other revisions) is no answer.
    if (recorded.revision !== next) throw new IntegrityError(missing(stream, next));
    const hash = readHeader(recorded.metadata)?.hash;
    if (recorded.revision === from - 1) {
      if (hash === undefined || !hashes.matches(start, hash)) throw new IntegrityError(altered(recorded));
    } else {
      const finding = checkLink(recorded, link, stream);
      if (finding !== undefined) throw new IntegrityError(finding);
      if (hash === undefined || !hashes.matches(recorded.revision, hash))
        throw new IntegrityError(altered(recorded));
      events.push({ ...recorded, data: recorded.data.slice(), metadata: recorded.metadata.slice() });
    }
    link = { revision: recorded.revision, hash: (hash as Uint8Array).slice() };
    next = recorded.revision + 1;
    if (next === until) break;
  }
  if (next < until) {
    if (await isGone(store, stream)) throw new StreamDeletedUnderRead(stream);
    throw new IntegrityError(missing(stream, next));
  }
  return events;
}
