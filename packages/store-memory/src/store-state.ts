import { type AppendSignal, createAppendSignal } from './append-signal.js';
import { type ByteLog, createByteLog } from './byte-log.js';
import { type GrowableInts, growableInts } from './growable.js';
import { createIdColumn, type IdColumn } from './id-column.js';
import { createIdIndex, type IdIndex } from './id-index.js';
import { idMatchers } from './id-matcher.js';

/** One stream: its ordinal (its name is `streamNames[ordinal]`) and where its events are. */
export interface StreamEntry {
  readonly ordinal: number;
  /** Global log index of each revision. */
  indices: GrowableInts;
  deleted: boolean;
}

/**
 * Everything one in-memory store holds, shared by its operations: one global, append-ordered
 * log of events as bytes, with per-log-index columns (stream ordinal, revision, id — as text
 * bytes: no string is kept per event) and per-stream revision indexes. Every field is set at creation
 * (one shape for the hot paths).
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
  /** Each event's id, when it is a UUID (see `event-record.ts`). */
  readonly idColumn: IdColumn;
  readonly streamNames: string[];
  readonly streams: Map<string, StreamEntry>;
  readonly deletedOrdinals: Set<number>;
  readonly typeNames: string[];
  readonly typeOrdinals: Map<string, number>;
  /** Wakes whoever waits for the next append (a caught-up subscription). */
  readonly appended: AppendSignal;
}

/** An empty store's state. */
export function createStoreState(maxAppendBytes: number): StoreState {
  const log = createByteLog();
  const streamOrdinalOf = growableInts(1024);
  const idColumn = createIdColumn();
  return {
    maxAppendBytes,
    log,
    streamOrdinalOf,
    revisionOf: growableInts(1024),
    ids: createIdIndex(idMatchers(log, streamOrdinalOf, idColumn)),
    idColumn,
    streamNames: [],
    streams: new Map(),
    deletedOrdinals: new Set(),
    typeNames: [],
    typeOrdinals: new Map(),
    appended: createAppendSignal(),
  };
}
