import { readHeader } from '../envelope/envelope-header.js';
import type { RecordedEvent } from '../ports/event-store.js';
import { type LogLeaf, sortedLeaves } from './log-tree.js';
import type { Hash } from './merkle-hash.js';
import { type CompactTree, createCompactTree } from './merkle-tree.js';
import { streamLeaf } from './stream-tree.js';

/** Whether a stream is in the log's tree: every stream but `checkpoint-*` (projection and log checkpoints). */
export function isInLogTree(stream: string): boolean {
  return !stream.startsWith('checkpoint-');
}

interface Tracked {
  readonly tree: CompactTree;
  readonly watched: readonly number[] | undefined;
  readonly roots: Map<number, Hash>;
}

/** The log's Merkle state, built event by event: one compact tree per stream, never the events. */
export interface LogState {
  /** Adds an event (in any interleaving of streams, each in revision order); `checkpoint-*` streams are skipped. */
  observe(event: RecordedEvent): void;
  /** Events observed in the tree. */
  readonly events: number;
  /** One leaf per stream, sorted by name. */
  leaves(): LogLeaf[];
  /** A stream's size so far, or `undefined` for a stream not seen. */
  sizeOf(stream: string): number | undefined;
  /** A stream's root at a size it was asked to watch (or its current size). */
  rootAt(stream: string, size: number): Hash | undefined;
}

/**
 * Starts an empty log state. `watch` names sizes at which to remember a stream's root (the sizes
 * checkpoints committed to), since a compact tree cannot go back to them. A stream's leaves are
 * its stored chain hashes, as stored: whether they chain is the chain verifier's business.
 */
export function createLogState(watch?: ReadonlyMap<string, readonly number[]>): LogState {
  const streams = new Map<string, Tracked>();
  let events = 0;
  return {
    observe(event) {
      if (!isInLogTree(event.stream)) return;
      let tracked = streams.get(event.stream);
      if (tracked === undefined) {
        tracked = { tree: createCompactTree(), watched: watch?.get(event.stream), roots: new Map() };
        streams.set(event.stream, tracked);
      }
      const hash = readHeader(event.metadata)?.hash ?? new Uint8Array(32);
      tracked.tree.append(streamLeaf(hash));
      events += 1;
      if (tracked.watched?.includes(tracked.tree.size) === true)
        tracked.roots.set(tracked.tree.size, tracked.tree.root());
    },
    get events() {
      return events;
    },
    leaves: () =>
      sortedLeaves(
        [...streams].map(([stream, tracked]) => ({
          stream,
          size: tracked.tree.size,
          root: tracked.tree.root(),
        })),
      ),
    sizeOf: (stream) => streams.get(stream)?.tree.size,
    rootAt(stream, size) {
      const tracked = streams.get(stream);
      if (tracked === undefined) return undefined;
      if (size === tracked.tree.size) return tracked.tree.root();
      return tracked.roots.get(size);
    },
  };
}
