import type { AppendSuccess, EventToAppend } from '@pinnstatistik/core';
import { COLUMN_MARK, inColumn, recordSize, writeRecord } from './event-record.js';
import { growableInts } from './growable.js';
import { hashOfId } from './id-hash.js';
import type { Prepared } from './prepare-append.js';
import type { StoreState, StreamEntry } from './store-state.js';

/** The ordinal of an event type, given one the first time it is seen (kept once, in a table). */
function typeOrdinalOf(state: StoreState, type: string): number {
  let ordinal = state.typeOrdinals.get(type);
  if (ordinal === undefined) {
    ordinal = state.typeNames.length;
    if (ordinal > 0xffff) throw new RangeError('more than 65,536 event types');
    state.typeNames.push(type);
    state.typeOrdinals.set(type, ordinal);
  }
  return ordinal;
}

/** A stream's entry, at its first append: its ordinal is its place in `streamNames`. */
export function openStream(state: StoreState, stream: string): StreamEntry {
  const entry: StreamEntry = { indices: growableInts(4), ordinal: state.streamNames.length, deleted: false };
  state.streamNames.push(stream);
  state.streams.set(stream, entry);
  return entry;
}

/**
 * Writes one event at the end of a stream (its id encoded, and hashed with the stream's ordinal;
 * `COLUMN_MARK` when its characters are in the id column's slot already).
 */
export function storeRecord(
  state: StoreState,
  target: StreamEntry,
  event: EventToAppend,
  id: Uint8Array,
  hash: number,
): void {
  const { log } = state;
  const revision = target.indices.length;
  const index = log.reserve(recordSize(event, id));
  writeRecord(log.chunkAt(index), log.offsetAt(index), event, id, typeOrdinalOf(state, event.type));
  if (id !== COLUMN_MARK && inColumn(id)) state.idColumn.write(index, id, 1);
  target.indices.push(index);
  state.streamOrdinalOf.push(target.ordinal);
  state.revisionOf.push(revision);
  state.ids.add(hash, index);
}

/** Writes what an append was prepared to write (nothing for a retry), opening its stream if new. */
export function writePrepared(state: StoreState, prepared: Prepared): AppendSuccess {
  if (prepared.retried !== undefined) return prepared.retried;
  const target = prepared.entry ?? openStream(state, prepared.stream);
  // Hashed here: a stream new to this batch has its ordinal only once it is opened.
  for (const { event, id } of prepared.fresh)
    storeRecord(state, target, event, id, hashOfId(target.ordinal, id));
  const last = target.indices.length - 1;
  return {
    nextRevision: last,
    position: String((last < 0 ? -1 : target.indices.at(last)) + 1),
    written: prepared.fresh.length,
  };
}
