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

/** Options for the in-memory store. */
export interface MemoryEventStoreOptions {
  /** The largest append accepted, in bytes of encoded events (default 1 MiB, as EventStoreDB's default). */
  readonly maxAppendBytes?: number;
}

interface StreamEntry {
  /** Global log index of each revision. */
  readonly indices: number[];
  /** Revision of each event id, for idempotent re-appends. */
  readonly revisionOfId: Map<string, number>;
}

type Encoded = [type: string, id: string, data: JsonValue, metadata: JsonObject];

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
  const log: string[] = [];
  const streamOrdinalOf: number[] = [];
  const revisionOf: number[] = [];
  const streamNames: string[] = [];
  const streams = new Map<string, StreamEntry & { ordinal: number }>();
  let signal: { promise: Promise<void>; resolve: () => void } | undefined;

  const recorded = (index: number): RecordedEvent => {
    const [type, id, data, metadata] = JSON.parse(log[index] as string) as Encoded;
    return {
      stream: streamNames[streamOrdinalOf[index] as number] as string,
      revision: revisionOf[index] as number,
      position: String(index + 1),
      id,
      type,
      data,
      metadata,
    };
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

    if (
      entry !== undefined &&
      events.length > 0 &&
      events.every((event) => entry.revisionOfId.has(event.id))
    ) {
      const revision = Math.max(...events.map((event) => entry.revisionOfId.get(event.id) as number));
      return E.right<AppendError, AppendSuccess>({
        nextRevision: current,
        position: String((entry.indices[revision] as number) + 1),
        written: 0,
      });
    }
    const matchesExpectation =
      expected === 'any' ||
      (expected === 'no-stream' && current === -1) ||
      (expected === 'stream-exists' && current >= 0) ||
      expected === current;
    if (!matchesExpectation) return E.left(conflict(stream, expected, entry));

    const seen = new Set<string>();
    const fresh: { event: EventToAppend; encoded: string }[] = [];
    let bytes = 0;
    for (const event of events) {
      if (entry?.revisionOfId.has(event.id) === true || seen.has(event.id)) continue;
      seen.add(event.id);
      const encoded = JSON.stringify([event.type, event.id, event.data, event.metadata] satisfies Encoded);
      bytes += encoded.length;
      fresh.push({ event, encoded });
    }
    if (bytes > maxAppendBytes)
      return E.left({ code: 'APPEND_TOO_LARGE', stream, size: bytes, limit: maxAppendBytes });

    let target = entry;
    if (target === undefined) {
      target = { indices: [], revisionOfId: new Map(), ordinal: streamNames.length };
      streamNames.push(stream);
      streams.set(stream, target);
    }
    for (const { event, encoded } of fresh) {
      const revision = target.indices.length;
      target.indices.push(log.length);
      target.revisionOfId.set(event.id, revision);
      streamOrdinalOf.push(target.ordinal);
      revisionOf.push(revision);
      log.push(encoded);
    }
    const last = target.indices.length - 1;
    if (fresh.length > 0 && signal !== undefined) {
      const { resolve } = signal;
      signal = undefined;
      resolve();
    }
    return E.right({
      nextRevision: last,
      position: String((target.indices[last] ?? -1) + 1),
      written: fresh.length,
    });
  };

  async function* readStream(
    stream: string,
    readOptions: ReadStreamOptions = {},
  ): AsyncIterable<RecordedEvent> {
    const entry = streams.get(stream);
    if (entry === undefined) return;
    const limit = readOptions.limit ?? Number.POSITIVE_INFINITY;
    let yielded = 0;
    if (readOptions.direction === 'backwards') {
      for (
        let revision = readOptions.fromRevision ?? entry.indices.length - 1;
        revision >= 0 && yielded < limit;
        revision -= 1
      ) {
        const index = entry.indices[revision];
        if (index === undefined) continue;
        yielded += 1;
        yield recorded(index);
      }
      return;
    }
    for (
      let revision = readOptions.fromRevision ?? 0;
      revision < entry.indices.length && yielded < limit;
      revision += 1
    ) {
      yielded += 1;
      yield recorded(entry.indices[revision] as number);
    }
  }

  async function* readAll(readOptions: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const start = readOptions.after === undefined ? 0 : parsePosition(readOptions.after);
    const end = Math.min(log.length, start + (readOptions.limit ?? Number.POSITIVE_INFINITY));
    for (let index = start; index < end; index += 1) yield recorded(index);
  }

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
    dump: () => [...streamNames, ...log],
  };
}
