import {
  type AppendError,
  type AppendSuccess,
  createCatchUpSubscription,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { createByteLog } from './byte-log.js';
import {
  dataLengthAt,
  encodeId,
  hasId,
  idLength,
  readId,
  recordSize,
  TYPE_AND_LENGTH_BYTES,
  typeOrdinalAt,
  writeRecord,
} from './event-record.js';
import { type GrowableInts, growableInts } from './growable.js';
import { createIdIndex, hashOfId } from './id-index.js';
import { stepIterable } from './step-iterable.js';

/** Options for the in-memory store. */
export interface MemoryEventStoreOptions {
  /** The largest append accepted, in bytes of encoded events (default 1 MiB, as EventStoreDB's default). */
  readonly maxAppendBytes?: number;
}

interface StreamEntry {
  readonly ordinal: number;
  /** Global log index of each revision. */
  indices: GrowableInts;
  deleted: boolean;
}

/** What an append or a batch part will write, decided before anything is written. */
interface Prepared {
  readonly stream: string;
  readonly entry: StreamEntry | undefined;
  readonly fresh: readonly { readonly event: EventToAppend; readonly id: Uint8Array }[];
  /** Set when every id was there already: the success to report without writing. */
  readonly retried?: AppendSuccess;
}

const EMPTY = new Uint8Array(0);
/** Events per page of `readAllPages`. */
const PAGE = 4_096;

function notAPosition(position: string): never {
  throw new TypeError(`not a position of this store: ${JSON.stringify(position)}`);
}

function parsePosition(position: string): number {
  if (!/^\d+$/.test(position)) notAPosition(position);
  return Number(position);
}

/** The in-memory store, with what tests that play an attacker need. */
export interface MemoryEventStore extends EventStore {
  /** How many events the log has held (deleted ones included: positions are never reused). */
  readonly size: number;
  /** Every byte the store holds: stream names, type names and the raw event buffers (wiped bytes are zeros). */
  storedBytes(): Uint8Array[];
}

/**
 * The embedded default `EventStore`: one global, append-ordered log of events as bytes,
 * exactly as the core encoded them, with per-stream revision indexes. An append costs the same
 * at the first event and the ten-millionth: nothing is copied or scanned per append. Deleting a
 * stream overwrites its events' bytes with zeros at once (`extent: 'physical'`) and keeps only
 * its name, so nothing can revive it.
 */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): MemoryEventStore {
  const maxAppendBytes = options.maxAppendBytes ?? 1024 * 1024;
  const log = createByteLog();
  const streamOrdinalOf = growableInts(1024);
  const revisionOf = growableInts(1024);
  const ids = createIdIndex(
    (index, stream, id) =>
      streamOrdinalOf.at(index) === stream &&
      hasId(log.chunkAt(index), log.offsetAt(index), log.lengthAt(index), id),
  );
  const streamNames: string[] = [];
  const streams = new Map<string, StreamEntry>();
  const deletedOrdinals = new Set<number>();
  const typeNames: string[] = [];
  // Each event's id as it was appended, by log index: reading it back is then free, where
  // spelling it from its 16 stored bytes costs more than the rest of the event. Dropped (not
  // zeroed: strings cannot be) when the stream is deleted; the bytes in the log are zeroed.
  const idTexts: (string | undefined)[] = [];
  const typeOrdinals = new Map<string, number>();
  let signal: { promise: Promise<void>; resolve: () => void } | undefined;

  const typeOrdinalOf = (type: string): number => {
    let ordinal = typeOrdinals.get(type);
    if (ordinal === undefined) {
      ordinal = typeNames.length;
      if (ordinal > 0xffff) throw new RangeError('more than 65,536 event types');
      typeNames.push(type);
      typeOrdinals.set(type, ordinal);
    }
    return ordinal;
  };

  // An event read back: views into the log for its bytes, its id as appended. (A lazy id would
  // also be cheap, but an accessor is lost by `{ ...event }` or slow as an own property.)
  const recorded = (index: number): RecordedEvent => {
    const chunk = log.chunkAt(index);
    const offset = log.offsetAt(index);
    const end = offset + log.lengthAt(index);
    const at = offset + idLength(chunk, offset);
    const start = at + TYPE_AND_LENGTH_BYTES;
    const dataEnd = start + dataLengthAt(chunk, at);
    return {
      stream: streamNames[streamOrdinalOf.at(index)] as string,
      revision: revisionOf.at(index),
      position: String(index + 1),
      id: idTexts[index] ?? readId(chunk, offset),
      type: typeNames[typeOrdinalAt(chunk, at)] as string,
      data: chunk.subarray(start, dataEnd),
      metadata: dataEnd === end ? EMPTY : chunk.subarray(dataEnd, end),
    };
  };

  /** The revision of an id in a stream, or -1. */
  const revisionOfId = (entry: StreamEntry, hash: number, encoded: Uint8Array): number => {
    const index = ids.find(hash, entry.ordinal, encoded);
    return index === -1 ? -1 : revisionOf.at(index);
  };

  const prepare = (
    stream: string,
    events: readonly EventToAppend[],
    expected: ExpectedRevision,
  ): E.Either<AppendError, Prepared> => {
    const entry = streams.get(stream);
    if (entry?.deleted === true) return E.left({ code: 'STREAM_DELETED', stream });
    const current = entry === undefined ? -1 : entry.indices.length - 1;
    const encodedIds = events.map((event) => encodeId(event.id));
    // Revisions of the given ids already in the stream (-1: new), for idempotent retries.
    const known =
      entry === undefined
        ? undefined
        : encodedIds.map((id) => revisionOfId(entry, hashOfId(entry.ordinal, id), id));
    if (
      entry !== undefined &&
      known !== undefined &&
      events.length > 0 &&
      known.every((revision) => revision >= 0)
    ) {
      const revision = Math.max(...known);
      return E.right({
        stream,
        entry,
        fresh: [],
        retried: { nextRevision: current, position: String(entry.indices.at(revision) + 1), written: 0 },
      });
    }
    const matchesExpectation =
      expected === 'any' ||
      (expected === 'no-stream' && current === -1) ||
      (expected === 'stream-exists' && current >= 0) ||
      expected === current;
    if (!matchesExpectation)
      return E.left({
        code: 'WRONG_EXPECTED_REVISION',
        stream,
        expected,
        actual: current === -1 ? 'no-stream' : current,
      });
    const fresh: { event: EventToAppend; id: Uint8Array }[] = [];
    const seen = events.length > 1 ? new Set<string>() : undefined;
    let bytes = 0;
    for (let position = 0; position < events.length; position += 1) {
      const event = events[position] as EventToAppend;
      if ((known?.[position] ?? -1) >= 0) continue;
      if (seen !== undefined) {
        if (seen.has(event.id)) continue;
        seen.add(event.id);
      }
      const id = encodedIds[position] as Uint8Array;
      bytes += recordSize(event, id);
      fresh.push({ event, id });
    }
    if (bytes > maxAppendBytes)
      return E.left({ code: 'APPEND_TOO_LARGE', stream, size: bytes, limit: maxAppendBytes });
    return E.right({ stream, entry, fresh });
  };

  /** Writes one event at the end of a stream. */
  const store = (target: StreamEntry, event: EventToAppend, id: Uint8Array, hash: number): void => {
    const revision = target.indices.length;
    const index = log.reserve(recordSize(event, id));
    writeRecord(log.chunkAt(index), log.offsetAt(index), event, id, typeOrdinalOf(event.type));
    idTexts.push(event.id);
    target.indices.push(index);
    streamOrdinalOf.push(target.ordinal);
    revisionOf.push(revision);
    ids.add(hash, index);
  };

  const openStream = (stream: string): StreamEntry => {
    const entry: StreamEntry = { indices: growableInts(4), ordinal: streamNames.length, deleted: false };
    streamNames.push(stream);
    streams.set(stream, entry);
    return entry;
  };

  const write = (prepared: Prepared): AppendSuccess => {
    if (prepared.retried !== undefined) return prepared.retried;
    const target = prepared.entry ?? openStream(prepared.stream);
    // Hashed here: a stream new to this batch has its ordinal only once it is opened.
    for (const { event, id } of prepared.fresh) store(target, event, id, hashOfId(target.ordinal, id));
    const last = target.indices.length - 1;
    return {
      nextRevision: last,
      position: String((last < 0 ? -1 : target.indices.at(last)) + 1),
      written: prepared.fresh.length,
    };
  };

  const announce = (written: number): void => {
    if (written > 0 && signal !== undefined) {
      const { resolve } = signal;
      signal = undefined;
      resolve();
    }
  };

  // One event per call, the common case, without the batch path's arrays: the same checks in
  // the same order (deleted stream, idempotent retry, expected revision, size).
  const appendOne = (
    stream: string,
    event: EventToAppend,
    expected: ExpectedRevision,
  ): E.Either<AppendError, AppendSuccess> => {
    const entry = streams.get(stream);
    if (entry?.deleted === true) return E.left({ code: 'STREAM_DELETED', stream });
    const current = entry === undefined ? -1 : entry.indices.length - 1;
    const id = encodeId(event.id, true);
    const hash = hashOfId(entry === undefined ? streamNames.length : entry.ordinal, id);
    if (entry !== undefined) {
      const index = ids.find(hash, entry.ordinal, id);
      if (index !== -1) return E.right({ nextRevision: current, position: String(index + 1), written: 0 });
    }
    if (
      !(
        expected === 'any' ||
        (expected === 'no-stream' && current === -1) ||
        (expected === 'stream-exists' && current >= 0) ||
        expected === current
      )
    )
      return E.left({
        code: 'WRONG_EXPECTED_REVISION',
        stream,
        expected,
        actual: current === -1 ? 'no-stream' : current,
      });
    const size = recordSize(event, id);
    if (size > maxAppendBytes)
      return E.left({ code: 'APPEND_TOO_LARGE', stream, size, limit: maxAppendBytes });
    const target = entry ?? openStream(stream);
    store(target, event, id, hash);
    announce(1);
    return E.right({
      nextRevision: current + 1,
      position: String(log.length),
      written: 1,
    });
  };

  const append: EventStore['append'] = async (stream, events, { expected }) => {
    if (events.length === 1) return appendOne(stream, events[0] as EventToAppend, expected);
    const prepared = prepare(stream, events, expected);
    if (E.isLeft(prepared)) return prepared;
    const success = write(prepared.right);
    announce(success.written);
    return E.right(success);
  };

  // Every part is checked before any is written; nothing awaits in between, so the batch is atomic.
  const appendBatch: EventStore['appendBatch'] = async (parts: readonly StreamAppend[]) => {
    const prepared: Prepared[] = [];
    for (const part of parts) {
      const checked = prepare(part.stream, part.events, part.expected);
      if (E.isLeft(checked)) return checked;
      prepared.push(checked.right);
    }
    const successes = prepared.map(write);
    announce(successes.reduce((sum, success) => sum + success.written, 0));
    return E.right(successes);
  };

  const deleteStreams: EventStore['deleteStreams'] = async (names) => {
    let removed = 0;
    for (const stream of names) {
      const entry = streams.get(stream);
      if (entry === undefined || entry.deleted) continue;
      for (let revision = 0; revision < entry.indices.length; revision += 1) {
        const index = entry.indices.at(revision);
        log.wipe(index);
        idTexts[index] = undefined;
      }
      removed += entry.indices.length;
      entry.deleted = true;
      entry.indices = growableInts(1);
      deletedOrdinals.add(entry.ordinal);
    }
    return { removed, extent: 'physical' };
  };

  // Reads answer each step with a settled promise (no async generator per read): a replay
  // pays one microtask per event, and a catch-up that finds nothing pays next to nothing.
  const readStream = (stream: string, readOptions: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> =>
    stepIterable(() => {
      const entry = streams.get(stream);
      if (entry === undefined) return () => undefined;
      const limit = readOptions.limit ?? Number.POSITIVE_INFINITY;
      let yielded = 0;
      if (readOptions.direction === 'backwards') {
        let revision = readOptions.fromRevision ?? entry.indices.length - 1;
        return () => {
          while (revision >= entry.indices.length) revision -= 1;
          if (revision < 0 || yielded >= limit) return undefined;
          yielded += 1;
          revision -= 1;
          return recorded(entry.indices.at(revision + 1));
        };
      }
      let revision = readOptions.fromRevision ?? 0;
      return () => {
        if (revision >= entry.indices.length || yielded >= limit) return undefined;
        yielded += 1;
        revision += 1;
        return recorded(entry.indices.at(revision - 1));
      };
    });

  // The log from a position on, one event per call (`undefined` at the end or the limit).
  const logCursor = (readOptions: ReadAllOptions): (() => RecordedEvent | undefined) => {
    let index = readOptions.after === undefined ? 0 : parsePosition(readOptions.after);
    const limit = readOptions.limit ?? Number.POSITIVE_INFINITY;
    let yielded = 0;
    return () => {
      // Most logs have no deleted stream: then nothing is looked up per event.
      if (deletedOrdinals.size > 0)
        while (index < log.length && deletedOrdinals.has(streamOrdinalOf.at(index))) index += 1;
      if (index >= log.length || yielded >= limit) return undefined;
      index += 1;
      yielded += 1;
      return recorded(index - 1);
    };
  };

  const readAll = (readOptions: ReadAllOptions = {}): AsyncIterable<RecordedEvent> =>
    stepIterable(() => logCursor(readOptions));

  // The log a page at a time: one settled promise per page instead of per event.
  const readAllPages = (readOptions: ReadAllOptions = {}): AsyncIterable<readonly RecordedEvent[]> =>
    stepIterable(() => {
      const next = logCursor(readOptions);
      return () => {
        const page: RecordedEvent[] = [];
        for (let event = next(); event !== undefined; event = page.length < PAGE ? next() : undefined)
          page.push(event);
        return page.length === 0 ? undefined : page;
      };
    });

  const nextAppend = (): Promise<void> => {
    if (signal === undefined) {
      let resolve: () => void = () => undefined;
      const promise = new Promise<void>((done) => {
        resolve = done;
      });
      signal = { promise, resolve };
    }
    return signal.promise;
  };

  return {
    reportsExactWrites: true,
    append,
    appendBatch,
    deleteStreams,
    readStream,
    readAll,
    readAllPages,
    subscribe: (subscribeOptions, handler) =>
      createCatchUpSubscription({ readAll, nextAppend }, subscribeOptions, handler),
    get size() {
      return log.length;
    },
    storedBytes: () => [
      ...streamNames.map((name) => Buffer.from(name, 'utf8')),
      ...typeNames.map((name) => Buffer.from(name, 'utf8')),
      ...log.chunks(),
    ],
  };
}
