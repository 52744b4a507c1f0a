import type { StreamDeletion } from '@pinnstatistik/core';
import { mapWithLimit } from './concurrency.js';
import type { Writer } from './esdb-append.js';
import { streamHead } from './esdb-reads.js';
import { errorType, withDeadline } from './store-faults.js';

/** How many streams are tombstoned at once. */
const CONCURRENT_DELETES = 8;
/** Rounds of "read the head, tombstone at it" before a stream that keeps growing is given up on. */
const MAX_ROUNDS = 5;

/**
 * Tombstones one stream and returns how many events it held (0 when it was absent or deleted
 * already). A hard delete, not a soft one: a soft-deleted stream reads as absent but any later
 * append re-opens it, so a stale writer could revive a shredded name; a tombstone closes the
 * name for good — every later append is refused with `StreamDeleted`, which the adapter returns
 * as `STREAM_DELETED` (EventStoreDB server docs, "Deleting streams and events"; the Node
 * client's own `tombstoneStream` tests: reads then fail with `StreamDeletedError`, and a name
 * that never existed can be tombstoned with `NO_STREAM`, which the adapter does too, so it
 * cannot be created later either). The tombstone is written at the head just read, so the count
 * is exact: a writer slipping in between is a wrong expected version, and the head is read again.
 */
async function tombstone(writer: Writer, stream: string): Promise<number> {
  for (let round = 1; ; round += 1) {
    const head = await streamHead(writer, stream);
    if (head.state === 'deleted') {
      writer.deleted.add(stream);
      return 0;
    }
    const expected = head.state === 'at' ? head.last.revision : 'no_stream';
    try {
      await withDeadline(
        writer.seam.tombstone(stream, expected, writer.deadlineMs),
        writer.deadlineMs,
        'deleting a stream',
        true,
      );
      writer.deleted.add(stream);
      return head.state === 'at' ? Number(head.last.revision) + 1 : 0;
    } catch (error) {
      if (errorType(error) === 'stream-deleted') {
        writer.deleted.add(stream);
        return 0;
      }
      if (errorType(error) !== 'wrong-expected-version' || round >= MAX_ROUNDS) throw error;
    }
  }
}

/**
 * `deleteStreams` on EventStoreDB / KurrentDB: every stream tombstoned (several at a time);
 * the store then hides their events from `readAll` and subscriptions at once, although the
 * server keeps returning them through `$all` until a scavenge: `extent: 'logical'`. A fault
 * part-way throws `StoreUnavailable`; running the deletion again completes it (streams deleted
 * already count 0).
 */
export async function deleteStreamsByTombstone(
  writer: Writer,
  streams: readonly string[],
): Promise<StreamDeletion> {
  const counts = await mapWithLimit([...new Set(streams)], CONCURRENT_DELETES, (stream) =>
    tombstone(writer, stream),
  );
  return { removed: counts.reduce((sum, count) => sum + count, 0), extent: 'logical' };
}
