import {
  type AppendError,
  type AppendSuccess,
  createCatchUpSubscription,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type JsonObject,
  type JsonValue,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { createByteLog } from './byte-log.js';
import { type GrowableInts, growableInts } from './growable.js';
import { createIdIndex } from './id-index.js';
import { stepIterable } from './step-iterable.js';

/** Options for the in-memory store. */
export interface MemoryEventStoreOptions {
  /** The largest append accepted, in bytes of encoded events (default 1 MiB, as EventStoreDB's default). */
  readonly maxAppendBytes?: number;
}

interface StreamEntry {
  readonly ordinal: number;
  /** Global log index of each revision. */
  readonly indices: GrowableInts;
}

type Encoded = [id: string, type: string, data: JsonValue, metadata: JsonObject];

function notAPosition(position: string): never {
  throw new TypeError(`not a position of this store: ${JSON.stringify(position)}`);
}

function parsePosition(position: string): number {
  if (!/^\d+$/.test(position)) notAPosition(position);
  return Number(position);
}

/**
 * The embedded default `EventStore`: one global, append-ordered log of *encoded* events (so
 * serialisation is exercised exactly as with a real store), with per-stream revision indexes.
 * An append costs the same at the first event and the ten-millionth: nothing is copied or
 * scanned per append.
 */
export function createMemoryEventStore(options: MemoryEventStoreOptions = {}): EventStore & {
  /** How many events the log holds. */
  readonly size: number;
  /** Every byte the store holds for its events, for tests that scan what is at rest. */
  dump(): string[];
} {
  const maxAppendBytes = options.maxAppendBytes ?? 1024 * 1024;
  // Per event: its encoded bytes, 12 bytes of offsets, 8 of stream and revision, 4 in its
  // stream's index and a slot or two of the id index — no id string, no position object.
  const log = createByteLog();
  const streamOrdinalOf = growableInts(1024);
  const revisionOf = growableInts(1024);
  const ids = createIdIndex();
  const streamNames: string[] = [];
  const streams = new Map<string, StreamEntry>();
  let signal: { promise: Promise<void>; resolve: () => void } | undefined;

  const recorded = (index: number): RecordedEvent => {
    const [id, type, data, metadata] = JSON.parse(log.text(index)) as Encoded;
    return {
      stream: streamNames[streamOrdinalOf.at(index)] as string,
      revision: revisionOf.at(index),
      position: String(index + 1),
      id,
      type,
      data,
      metadata,
    };
  };

  /** The revision of an id in a stream, or -1. Stored events start with `["<id>",`. */
  const revisionOfId = (entry: StreamEntry, id: string): number => {
    const prefix = `${JSON.stringify(id)},`;
    const index = ids.find(
      entry.ordinal,
      id,
      (candidate) => streamOrdinalOf.at(candidate) === entry.ordinal && log.startsWith(candidate, prefix, 1),
    );
    return index === -1 ? -1 : revisionOf.at(index);
  };

  const conflict = (
    stream: string,
    expected: ExpectedRevision,
    entry: StreamEntry | undefined,
  ): AppendError => ({
    code: 'WRONG_EXPECTED_REVISION',
    stream,
    expected,
    actual: entry === undefined || entry.indices.length === 0 ? 'no-stream' : entry.indices.length - 1,
  });

  const append: EventStore['append'] = async (stream, events, { expected }) => {
    const entry = streams.get(stream);
    const current = entry === undefined ? -1 : entry.indices.length - 1;

    // Revisions of the given ids already in the stream (-1: new), for idempotent retries.
    const known = entry === undefined ? undefined : events.map((event) => revisionOfId(entry, event.id));
    if (
      entry !== undefined &&
      known !== undefined &&
      events.length > 0 &&
      known.every((revision) => revision >= 0)
    ) {
      const revision = Math.max(...known);
      return E.right<AppendError, AppendSuccess>({
        nextRevision: current,
        position: String(entry.indices.at(revision) + 1),
        written: 0,
      });
    }
    const matchesExpectation =
      expected === 'any' ||
      (expected === 'no-stream' && current === -1) ||
      (expected === 'stream-exists' && current >= 0) ||
      expected === current;
    if (!matchesExpectation) return E.left(conflict(stream, expected, entry));

    const fresh: { event: EventToAppend; encoded: string }[] = [];
    const seen = events.length > 1 ? new Set<string>() : undefined;
    let bytes = 0;
    for (let position = 0; position < events.length; position += 1) {
      const event = events[position] as EventToAppend;
      if ((known?.[position] ?? -1) >= 0) continue;
      if (seen !== undefined) {
        if (seen.has(event.id)) continue;
        seen.add(event.id);
      }
      const encoded = JSON.stringify([event.id, event.type, event.data, event.metadata] satisfies Encoded);
      bytes += encoded.length;
      fresh.push({ event, encoded });
    }
    if (bytes > maxAppendBytes)
      return E.left({ code: 'APPEND_TOO_LARGE', stream, size: bytes, limit: maxAppendBytes });

    let target = entry;
    if (target === undefined) {
      target = { indices: growableInts(4), ordinal: streamNames.length };
      streamNames.push(stream);
      streams.set(stream, target);
    }
    for (const { event, encoded } of fresh) {
      const revision = target.indices.length;
      const index = log.push(encoded);
      target.indices.push(index);
      streamOrdinalOf.push(target.ordinal);
      revisionOf.push(revision);
      ids.add(target.ordinal, event.id, index);
    }
    const last = target.indices.length - 1;
    if (fresh.length > 0 && signal !== undefined) {
      const { resolve } = signal;
      signal = undefined;
      resolve();
    }
    return E.right({
      nextRevision: last,
      position: String((last < 0 ? -1 : target.indices.at(last)) + 1),
      written: fresh.length,
    });
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

  const readAll = (readOptions: ReadAllOptions = {}): AsyncIterable<RecordedEvent> =>
    stepIterable(() => {
      const start = readOptions.after === undefined ? 0 : parsePosition(readOptions.after);
      const end = Math.min(log.length, start + (readOptions.limit ?? Number.POSITIVE_INFINITY));
      let index = start;
      return () => {
        if (index >= end) return undefined;
        index += 1;
        return recorded(index - 1);
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
    readStream,
    readAll,
    subscribe: (subscribeOptions, handler) =>
      createCatchUpSubscription({ readAll, nextAppend }, subscribeOptions, handler),
    get size() {
      return log.length;
    },
    dump: () => [...streamNames, ...Array.from({ length: log.length }, (_, index) => log.text(index))],
  };
}
