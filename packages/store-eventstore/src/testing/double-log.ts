/** What a writer expects of a stream, as the gRPC protocol says it. */
export type DoubleExpected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no-stream' }
  | { readonly kind: 'stream-exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** An event as proposed in an append request. */
export interface DoubleProposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** An event in the double's log. */
export interface DoubleRecord extends DoubleProposed {
  readonly stream: string;
  readonly revision: bigint;
  readonly commit: bigint;
  readonly prepare: bigint;
  /** .NET ticks since the Unix epoch, as the server stamps `created`. */
  readonly created: bigint;
}

/** The outcome of an append, as the server decides it. */
export type DoubleAppendOutcome =
  | {
      readonly kind: 'written' | 'idempotent';
      readonly current: bigint | undefined;
      readonly last?: DoubleRecord;
    }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | undefined }
  | { readonly kind: 'too-large'; readonly limit: number }
  | { readonly kind: 'stream-deleted' };

/** The outcome of a delete or a tombstone. */
export type DoubleDeleteOutcome =
  | { readonly kind: 'deleted'; readonly position: DoubleRecord }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | undefined }
  | { readonly kind: 'stream-deleted' };

/** What reading one stream finds: as the stream index answers, not as `$all` holds it. */
export type DoubleStreamRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'found'; readonly records: readonly DoubleRecord[] };

/** Options of the double's log. */
export interface DoubleLogOptions {
  /** The server's maximum append size in bytes (EventStoreDB's default is 1 MiB). */
  readonly maxAppendSize?: number;
  /**
   * Write system records as a real server does: a `$>` link in `$ce-{category}` after each
   * append (the by-category projection), and a few `$`-stream events at start.
   */
  readonly systemRecords?: boolean;
}

const encoder = new TextEncoder();
const TICKS_PER_MS = 10_000n;
/** The revision the server gives a tombstone (`EventNumber.DeletedStream`, `long.MaxValue`). */
export const TOMBSTONE_REVISION = 9_223_372_036_854_775_807n;

/** The size the server charges an event against the append limit. */
export function chargedSize(event: DoubleProposed): number {
  return event.data.length + event.metadata.length + encoder.encode(event.type).length;
}

interface StreamEntry {
  /** The stream's events by revision, from `first` on (a scavenge removes a prefix). */
  records: DoubleRecord[];
  /** The revision of the stream's last event ever written, or -1. */
  last: bigint;
  /** Soft delete: revisions below this read as gone (`$tb`). */
  truncateBefore: bigint;
  tombstoned: boolean;
}

/**
 * The storage semantics of an EventStoreDB node, in memory: per-stream revisions, optimistic
 * concurrency on the expected revision, de-duplication of re-appended event ids (idempotent
 * writes; a partial match is a wrong expected version, as the server's "corrupted idempotency"),
 * the append size limit, `$all` positions with distinct commit and prepare parts (events of one
 * append share the commit position; prepare positions are each event's own offset), and both
 * kinds of deletion.
 *
 * Deletion as the server documents it ("Deleting streams and events", EventStoreDB server docs,
 * EventStore/EventStore `docs/…/streams/deleting-streams-and-events.md`): a **tombstone** (hard
 * delete) writes a `$streamDeleted` event into the stream; reads of the stream then answer
 * `StreamDeleted`, appends are refused for good. A **soft delete** sets the stream's `$tb`
 * (truncate-before) in its metadata stream `$$name`; reads answer `StreamNotFound` and a later
 * append re-opens the stream, continuing its revisions. Either way `$all` "bypasses the index":
 * it keeps returning the deleted events until a **scavenge** ({@link scavenge}) removes them;
 * the tombstone itself stays.
 */
export function createDoubleLog(options: DoubleLogOptions = {}) {
  const maxAppendSize = options.maxAppendSize ?? 1024 * 1024;
  let all: DoubleRecord[] = [];
  const streams = new Map<string, StreamEntry>();
  const listeners = new Set<(records: readonly DoubleRecord[]) => void>();
  let offset = 1_024n;

  const entryOf = (stream: string): StreamEntry => {
    let entry = streams.get(stream);
    if (entry === undefined) {
      entry = { records: [], last: -1n, truncateBefore: 0n, tombstoned: false };
      streams.set(stream, entry);
    }
    return entry;
  };

  /** Writes events at the given revisions (or after the stream's last) and into `$all`. */
  const write = (stream: string, proposed: readonly DoubleProposed[], revision?: bigint): DoubleRecord[] => {
    const entry = entryOf(stream);
    const prepares = proposed.map((event) => {
      const prepare = offset;
      offset += 96n + BigInt(chargedSize(event) + stream.length);
      return prepare;
    });
    const commit = offset;
    offset += 48n;
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const records = proposed.map((event, index) => ({
      ...event,
      stream,
      revision: revision ?? entry.last + 1n + BigInt(index),
      commit,
      prepare: prepares[index] as bigint,
      created,
    }));
    if (revision === undefined) {
      entry.records.push(...records);
      entry.last += BigInt(records.length);
    }
    all.push(...records);
    return records;
  };

  const systemWrite = (stream: string, type: string, data: string, json: boolean): DoubleRecord[] =>
    write(stream, [
      {
        id: globalThis.crypto.randomUUID(),
        type,
        contentType: json ? 'application/json' : 'application/octet-stream',
        data: encoder.encode(data),
        metadata: new Uint8Array(),
      },
    ]);

  const notify = (records: readonly DoubleRecord[]): void => {
    for (const listener of [...listeners]) listener(records);
  };

  if (options.systemRecords !== false) {
    systemWrite('$settings', '$metadata', '{"$acl":{}}', true);
    systemWrite('$stats-127.0.0.1:2113', '$statsCollected', '{"proc-cpu":1}', true);
  }

  /** The record at a revision, if the stream still holds it. */
  const at = (entry: StreamEntry, revision: number): DoubleRecord | undefined => {
    const first = entry.records[0];
    if (first === undefined) return undefined;
    return entry.records[revision - Number(first.revision)];
  };

  /** The outcome of the idempotency check, or undefined when the ids are new. */
  const idempotency = (
    entry: StreamEntry,
    from: number,
    proposed: readonly DoubleProposed[],
  ): 'idempotent' | 'corrupted' | undefined => {
    if (proposed.length === 0 || at(entry, from)?.id !== proposed[0]?.id) return undefined;
    const matches = proposed.every((event, index) => at(entry, from + index)?.id === event.id);
    return matches ? 'idempotent' : 'corrupted';
  };

  const current = (entry: StreamEntry | undefined): bigint | undefined =>
    entry === undefined || entry.last < 0n ? undefined : entry.last;

  /** Whether the stream is where the writer expects it (for appends and deletes alike). */
  const expectationHolds = (entry: StreamEntry | undefined, expected: DoubleExpected): boolean => {
    const revision = current(entry);
    if (expected.kind === 'any') return true;
    if (expected.kind === 'no-stream') return revision === undefined;
    if (expected.kind === 'stream-exists') return revision !== undefined;
    return revision === expected.revision;
  };

  const append = (
    stream: string,
    expected: DoubleExpected,
    proposed: readonly DoubleProposed[],
  ): DoubleAppendOutcome => {
    const size = proposed.reduce((sum, event) => sum + chargedSize(event), 0);
    if (size > maxAppendSize) return { kind: 'too-large', limit: maxAppendSize };
    const entry = streams.get(stream);
    // The server checks deletion before anything else: a retried append to a tombstoned stream
    // is refused too, not answered as idempotent.
    if (entry?.tombstoned === true) return { kind: 'stream-deleted' };
    const wrong: DoubleAppendOutcome = { kind: 'wrong-expected-version', current: current(entry) };
    const idempotent = (from: number): DoubleAppendOutcome => {
      const last = at(entry as StreamEntry, from + proposed.length - 1) as DoubleRecord;
      return { kind: 'idempotent', current: last.revision, last };
    };
    const last = entry === undefined ? -1 : Number(entry.last);

    if (expected.kind === 'no-stream' || expected.kind === 'revision') {
      const expectedRevision = expected.kind === 'no-stream' ? -1 : Number(expected.revision);
      if (entry !== undefined && expectedRevision < last) {
        const check = idempotency(entry, expectedRevision + 1, proposed);
        if (check === 'idempotent') return idempotent(expectedRevision + 1);
        return wrong;
      }
      if (expectedRevision !== last) return wrong;
    } else {
      if (expected.kind === 'stream-exists' && last < 0) return wrong;
      const from = entry?.records.find((record) => record.id === proposed[0]?.id)?.revision;
      if (entry !== undefined && from !== undefined) {
        const check = idempotency(entry, Number(from), proposed);
        return check === 'idempotent' ? idempotent(Number(from)) : wrong;
      }
    }
    if (proposed.length === 0) return { kind: 'written', current: current(entry) };
    const records = write(stream, proposed);
    const linked: DoubleRecord[] = [];
    if (options.systemRecords !== false) {
      const category = stream.includes('-') ? stream.slice(0, stream.indexOf('-')) : stream;
      for (const record of records) {
        linked.push(...systemWrite(`$ce-${category}`, '$>', `${record.revision}@${stream}`, false));
      }
    }
    notify([...records, ...linked]);
    const written = records.at(-1) as DoubleRecord;
    return { kind: 'written', current: written.revision, last: written };
  };

  /** A hard delete: the `$streamDeleted` tombstone goes into the stream (and `$all`); the name is closed for good. */
  const tombstone = (stream: string, expected: DoubleExpected): DoubleDeleteOutcome => {
    const entry = streams.get(stream);
    if (entry?.tombstoned === true) return { kind: 'stream-deleted' };
    if (!expectationHolds(entry, expected))
      return { kind: 'wrong-expected-version', current: current(entry) };
    const [record] = write(
      stream,
      [
        {
          id: globalThis.crypto.randomUUID(),
          type: '$streamDeleted',
          contentType: 'application/octet-stream',
          data: new Uint8Array(),
          metadata: new Uint8Array(),
        },
      ],
      TOMBSTONE_REVISION,
    );
    entryOf(stream).tombstoned = true;
    notify([record as DoubleRecord]);
    return { kind: 'deleted', position: record as DoubleRecord };
  };

  /** A soft delete: `$tb` set past the stream's last event, written as `$metadata` in `$$name`. */
  const softDelete = (stream: string, expected: DoubleExpected): DoubleDeleteOutcome => {
    const entry = streams.get(stream);
    if (entry?.tombstoned === true) return { kind: 'stream-deleted' };
    // Deleting a stream that does not exist is a wrong expected version on servers since
    // EventStore/EventStore#3154 (as the Node client's own deleteStream tests say).
    if (entry === undefined || entry.last < 0n || !expectationHolds(entry, expected)) {
      return { kind: 'wrong-expected-version', current: current(entry) };
    }
    entry.truncateBefore = entry.last + 1n;
    const metadataStream = `$$${stream}`;
    const [record] = write(metadataStream, [
      {
        id: globalThis.crypto.randomUUID(),
        type: '$metadata',
        contentType: 'application/json',
        data: encoder.encode(`{"$tb":${TOMBSTONE_REVISION}}`),
        metadata: new Uint8Array(),
      },
    ]);
    notify([record as DoubleRecord]);
    return { kind: 'deleted', position: record as DoubleRecord };
  };

  const hidden = (record: DoubleRecord): boolean => {
    const entry = streams.get(record.stream);
    if (entry === undefined || record.revision === TOMBSTONE_REVISION) return false;
    return entry.tombstoned || record.revision < entry.truncateBefore;
  };

  return {
    maxAppendSize,
    append,
    tombstone,
    softDelete,
    /** One stream as a read of it answers: absent, deleted (tombstoned), or its visible records. */
    read(name: string): DoubleStreamRead {
      const entry = streams.get(name);
      if (entry?.tombstoned === true) return { kind: 'deleted' };
      const records = entry?.records.filter((record) => record.revision >= entry.truncateBefore) ?? [];
      return records.length === 0 ? { kind: 'absent' } : { kind: 'found', records };
    },
    /** Every record the double still holds of one stream (deleted ones until a scavenge), or undefined. */
    stream: (name: string): readonly DoubleRecord[] | undefined => {
      const records = streams.get(name)?.records;
      return records === undefined || records.length === 0 ? undefined : records;
    },
    /** The whole log in `$all` order: deleted events included until a scavenge, as on the server. */
    all: (): readonly DoubleRecord[] => all,
    /**
     * A scavenge: removes the events of tombstoned streams and those below a soft delete's `$tb`
     * from `$all` and from the streams (the tombstones stay). Returns how many were removed.
     */
    scavenge(): number {
      const before = all.length;
      all = all.filter((record) => !hidden(record));
      for (const entry of streams.values()) {
        entry.records = entry.tombstoned
          ? []
          : entry.records.filter((record) => record.revision >= entry.truncateBefore);
      }
      return before - all.length;
    },
    /** Calls `listener` with the records of every write, synchronously; returns the unsubscription. */
    onAppend(listener: (records: readonly DoubleRecord[]) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The double's log. */
export type DoubleLog = ReturnType<typeof createDoubleLog>;

/** Orders two `$all` positions: negative, zero or positive. */
export function comparePosition(
  a: { readonly commit: bigint; readonly prepare: bigint },
  b: { readonly commit: bigint; readonly prepare: bigint },
): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
