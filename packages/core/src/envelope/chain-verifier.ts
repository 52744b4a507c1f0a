import type { RecordedEvent } from '../ports/event-store.js';
import { readHeader } from './envelope-header.js';
import { GENESIS_HASH, hashEvent, sameHash } from './event-hash.js';

/** Something wrong with a stream's hash chain, located by stream, revision and position. */
export interface ChainFinding {
  readonly code: 'CHAIN_HASH_MISMATCH' | 'CHAIN_REVISION_GAP' | 'CHAIN_ENVELOPE_MISSING';
  readonly stream: string;
  readonly revision: number;
  readonly position: string;
  readonly message: string;
}

/** The last verified event of a stream. */
export interface ChainLink {
  readonly revision: number;
  readonly hash: Uint8Array;
}

/**
 * Checks one event against the link before it (`undefined` for a stream's first event):
 * revisions follow one another, and its stored hash is the hash of the previous one and its
 * own bytes — so an edited, removed or reordered event breaks the chain where it happened.
 * A reader of one stream names it (`stream`): the hash is then worked out with that name, so an
 * event of another stream handed back for it (a faulty or hostile store answering with another
 * stream's genuine, self-consistent chain) does not chain (attack 26).
 */
export function checkLink(
  event: RecordedEvent,
  link: ChainLink | undefined,
  stream: string = event.stream,
): ChainFinding | undefined {
  const finding = (code: ChainFinding['code'], message: string): ChainFinding => ({
    code,
    stream,
    revision: event.revision,
    position: event.position,
    message,
  });
  const header = readHeader(event.metadata);
  if (header === undefined) return finding('CHAIN_ENVELOPE_MISSING', 'the event carries no envelope header');
  const expectedRevision = link === undefined ? 0 : link.revision + 1;
  if (event.revision !== expectedRevision) {
    return finding('CHAIN_REVISION_GAP', `expected revision ${expectedRevision}, found ${event.revision}`);
  }
  const recomputed = hashEvent(link?.hash ?? GENESIS_HASH, {
    stream,
    revision: event.revision,
    id: event.id,
    type: event.type,
    codecId: event.metadata[1] as number,
    payload: event.data,
  });
  if (!sameHash(recomputed, header.hash)) {
    return finding(
      'CHAIN_HASH_MISMATCH',
      'the stored hash does not follow from the event before it and this event (altered, removed or reordered)',
    );
  }
  return undefined;
}

/**
 * Verifies hash chains event by event, for any number of interleaved streams (as `readAll`
 * delivers them). Keeps one link per stream, never the events.
 */
export function createChainVerifier(): {
  check(event: RecordedEvent): ChainFinding | undefined;
  lastLink(stream: string): ChainLink | undefined;
} {
  const links = new Map<string, ChainLink>();
  return {
    check(event) {
      const result = checkLink(event, links.get(event.stream));
      const header = readHeader(event.metadata);
      if (header !== undefined) links.set(event.stream, { revision: event.revision, hash: header.hash });
      return result;
    },
    lastLink: (stream) => links.get(stream),
  };
}
