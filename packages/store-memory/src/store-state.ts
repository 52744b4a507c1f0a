import { type AppendSignal, createAppendSignal } from './append-signal.js';
import { type ByteLog, createByteLog } from './byte-log.js';
import { hasId } from './event-record.js';
import { type GrowableInts, growableInts } from './growable.js';
import { createIdIndex, type IdIndex } from './id-index.js';

/** One stream: its ordinal (its name is `streamNames[ordinal]`) and where its events are. */
export interface StreamEntry {
  readonly ordinal: number;
  /** Global log index of each revision. */
  indices: GrowableInts;
  deleted: boolean;
}

/**
 * Everything one in-memory store holds, shared by its operations: one global, append-ordered
 * log of events as bytes, with per-log-index columns (stream ordinal, revision, id text) and
 * per-stream revision indexes. Every field is set at creation (one shape for the hot paths).
 */
export interface StoreState {
  /** The largest append accepted, in bytes of encoded events. */
  readonly maxAppendBytes: number;
  readonly log: ByteLog;
  /** The stream ordinal of each event, by log index. */
  readonly streamOrdinalOf: GrowableInts;
  /** The revision of each event in its stream, by log index. */
  readonly revisionOf: GrowableInts;
  readonly ids: IdIndex;
  readonly streamNames: string[];
  readonly streams: Map<string, StreamEntry>;
  readonly deletedOrdinals: Set<number>;
  readonly typeNames: string[];
  readonly typeOrdinals: Map<string, number>;
  // Each event's id as it was appended, by log index: reading it back is then free, where
  // spelling it from its 16 stored bytes costs more than the rest of the event. Dropped (not
  // zeroed: strings cannot be) when the stream is deleted; the bytes in the log are zeroed.
  readonly idTexts: (string | undefined)[];
  /** Wakes whoever waits for the next append (a caught-up subscription). */
  readonly appended: AppendSignal;
}

/** An empty store's state. */
export function createStoreState(maxAppendBytes: number): StoreState {
  const log = createByteLog();
  const streamOrdinalOf = growableInts(1024);
  return {
    maxAppendBytes,
    log,
    streamOrdinalOf,
    revisionOf: growableInts(1024),
    ids: createIdIndex(
      (index, stream, id) =>
        streamOrdinalOf.at(index) === stream &&
        hasId(log.chunkAt(index), log.offsetAt(index), log.lengthAt(index), id),
    ),
    streamNames: [],
    streams: new Map(),
    deletedOrdinals: new Set(),
    typeNames: [],
    typeOrdinals: new Map(),
    idTexts: [],
    appended: createAppendSignal(),
  };
}
