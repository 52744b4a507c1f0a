import { mapWithLimit } from './concurrency.js';
import { type Reader, streamHead } from './esdb-reads.js';
import type { ClientRecordedEvent } from './event-encoding.js';
import { isSystemRecord, isTombstone } from './event-encoding.js';

/** The names a store knows are deleted for good (tombstoned): its own deletions and every tombstone it has seen. */
export interface DeletedStreams {
  has(stream: string): boolean;
  add(stream: string): void;
}

/** A set of deleted names; deletion on EventStoreDB is permanent, so nothing ever leaves it. */
export function deletedStreams(): DeletedStreams {
  const names = new Set<string>();
  return { has: (stream) => names.has(stream), add: (stream) => void names.add(stream) };
}

/**
 * Which `$all` records a read or a subscription may hand on. `$all` "bypasses the index": it
 * does not check stream metadata, so the events of a deleted stream stay readable there until a
 * scavenge removes them (EventStoreDB server docs, "Deleting streams and events"). The port
 * wants them gone at once, so the adapter asks each stream's own index, which does answer
 * `StreamDeleted` for a tombstoned stream (and `StreamNotFound` for a soft-deleted one).
 */
export interface Visibility {
  /**
   * Learns what the records say (tombstones mark their stream deleted) and asks the index about
   * every stream among them this view has not asked about yet, several at a time.
   */
  admit(records: readonly ClientRecordedEvent[]): Promise<void>;
  /** Whether a record already admitted may be handed on: not the server's, and its stream not deleted. */
  visible(record: ClientRecordedEvent): boolean;
}

/** How many stream heads a view asks for at once. */
const CONCURRENT_CHECKS = 16;

/**
 * A view for one read of `$all` or one connection of a subscription. A stream's verdict is
 * asked once per view and kept for the view's life; a deletion this store makes (or a
 * tombstone the view passes) hides the stream at once, even within the view. A deletion made by
 * another process while a view already holds the stream as alive is seen from that stream's
 * tombstone on, or by the next view.
 */
export function visibility(reader: Reader, deleted: DeletedStreams): Visibility {
  const alive = new Set<string>();
  // Absent from its own index though in `$all`: soft-deleted or truncated by someone else.
  const gone = new Set<string>();

  const check = async (stream: string): Promise<void> => {
    const head = await streamHead(reader, stream);
    if (head.state === 'deleted') deleted.add(stream);
    else if (head.state === 'absent') gone.add(stream);
    else alive.add(stream);
  };

  return {
    async admit(records) {
      const unknown = new Set<string>();
      for (const record of records) {
        if (isTombstone(record)) deleted.add(record.streamId);
        else if (
          !isSystemRecord(record) &&
          !deleted.has(record.streamId) &&
          !alive.has(record.streamId) &&
          !gone.has(record.streamId)
        ) {
          unknown.add(record.streamId);
        }
      }
      await mapWithLimit([...unknown], CONCURRENT_CHECKS, check);
    },
    visible: (record) =>
      !isSystemRecord(record) && !deleted.has(record.streamId) && !gone.has(record.streamId),
  };
}
