import type { RecordedEvent } from '../ports/event-store.js';
import { GENESIS_HASH, hashEvent } from './envelope.js';

/** Something wrong with a stream's hash chain, located by stream, revision and position. */
export interface ChainFinding {
  readonly code:
    | 'CHAIN_HASH_MISMATCH'
    | 'CHAIN_LINK_BROKEN'
    | 'CHAIN_REVISION_GAP'
    | 'CHAIN_ENVELOPE_MISSING';
  readonly stream: string;
  readonly revision: number;
  readonly position: string;
  readonly message: string;
}

/** The last verified event of a stream. */
export interface ChainLink {
  readonly revision: number;
  readonly hash: string;
}

/**
 * Checks one event against the link before it (`undefined` for a stream's first event):
 * revisions follow one another, `prev` is the previous hash, and the hash matches the content.
 */
export function checkLink(event: RecordedEvent, link: ChainLink | undefined): ChainFinding | undefined {
  const finding = (code: ChainFinding['code'], message: string): ChainFinding => ({
    code,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    message,
  });
  const { prev, hash } = event.metadata;
  if (typeof prev !== 'string' || typeof hash !== 'string') {
    return finding('CHAIN_ENVELOPE_MISSING', 'the event carries no prev/hash');
  }
  const expectedRevision = link === undefined ? 0 : link.revision + 1;
  if (event.revision !== expectedRevision) {
    return finding('CHAIN_REVISION_GAP', `expected revision ${expectedRevision}, found ${event.revision}`);
  }
  if (prev !== (link?.hash ?? GENESIS_HASH)) {
    return finding('CHAIN_LINK_BROKEN', 'prev does not match the hash of the event before it');
  }
  if (hashEvent(event) !== hash) {
    return finding('CHAIN_HASH_MISMATCH', 'the content does not match its hash (altered after writing)');
  }
  return undefined;
}

/**
 * Verifies hash chains event by event, for any number of interleaved streams (as `readAll`
 * delivers them). Keeps one link per stream, never the events.
 */
export function createChainVerifier(): {
  check(event: RecordedEvent): ChainFinding | undefined;
  lastHash(stream: string): string | undefined;
} {
  const links = new Map<string, ChainLink>();
  return {
    check(event) {
      const result = checkLink(event, links.get(event.stream));
      const hash = event.metadata.hash;
      if (typeof hash === 'string') links.set(event.stream, { revision: event.revision, hash });
      return result;
    },
    lastHash: (stream) => links.get(stream)?.hash,
  };
}
