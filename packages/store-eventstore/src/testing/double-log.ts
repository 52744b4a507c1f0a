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
  | { readonly kind: 'too-large'; readonly limit: number };

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

/** The size the server charges an event against the append limit. */
export function chargedSize(event: DoubleProposed): number {
  return event.data.length + event.metadata.length + encoder.encode(event.type).length;
}

/**
 * The storage semantics of an EventStoreDB node, in memory: per-stream revisions, optimistic
 * concurrency on the expected revision, de-duplication of re-appended event ids (idempotent
 * writes; a partial match is a wrong expected version, as the server's "corrupted idempotency"),
 * the append size limit, and `$all` positions with distinct commit and prepare parts (events
 * of one append share the commit position; prepare positions are each event's own offset).
 */
export function createDoubleLog(options: DoubleLogOptions = {}) {
  const maxAppendSize = options.maxAppendSize ?? 1024 * 1024;
  const all: DoubleRecord[] = [];
  const streams = new Map<string, DoubleRecord[]>();
  const listeners = new Set<(records: readonly DoubleRecord[]) => void>();
  let offset = 1_024n;

  const write = (stream: string, proposed: readonly DoubleProposed[]): DoubleRecord[] => {
    const existing = streams.get(stream) ?? [];
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
      revision: BigInt(existing.length + index),
      commit,
      prepare: prepares[index] as bigint,
      created,
    }));
    existing.push(...records);
    streams.set(stream, existing);
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

  /** The outcome of the idempotency check, or undefined when the ids are new. */
  const idempotency = (
    events: readonly DoubleRecord[],
    from: number,
    proposed: readonly DoubleProposed[],
  ): 'idempotent' | 'corrupted' | undefined => {
    if (proposed.length === 0 || events[from]?.id !== proposed[0]?.id) return undefined;
    const all = proposed.every((event, index) => events[from + index]?.id === event.id);
    return all ? 'idempotent' : 'corrupted';
  };

  const append = (
    stream: string,
    expected: DoubleExpected,
    proposed: readonly DoubleProposed[],
  ): DoubleAppendOutcome => {
    const size = proposed.reduce((sum, event) => sum + chargedSize(event), 0);
    if (size > maxAppendSize) return { kind: 'too-large', limit: maxAppendSize };
    const events = streams.get(stream) ?? [];
    const current = events.length === 0 ? undefined : BigInt(events.length - 1);
    const wrong: DoubleAppendOutcome = { kind: 'wrong-expected-version', current };
    const idempotent = (from: number): DoubleAppendOutcome => {
      const last = events[from + proposed.length - 1] as DoubleRecord;
      return { kind: 'idempotent', current: last.revision, last };
    };

    let from: number | undefined;
    if (expected.kind === 'no-stream' || expected.kind === 'revision') {
      const expectedRevision = expected.kind === 'no-stream' ? -1 : Number(expected.revision);
      if (expectedRevision < events.length - 1) {
        const check = idempotency(events, expectedRevision + 1, proposed);
        if (check === 'idempotent') return idempotent(expectedRevision + 1);
        return wrong;
      }
      if (expectedRevision !== events.length - 1) return wrong;
    } else {
      if (expected.kind === 'stream-exists' && events.length === 0) return wrong;
      from = events.findIndex((event) => event.id === proposed[0]?.id);
      if (from >= 0) {
        const check = idempotency(events, from, proposed);
        return check === 'idempotent' ? idempotent(from) : wrong;
      }
    }
    if (proposed.length === 0) return { kind: 'written', current };
    const records = write(stream, proposed);
    const last = records.at(-1) as DoubleRecord;
    const linked: DoubleRecord[] = [];
    if (options.systemRecords !== false) {
      const category = stream.includes('-') ? stream.slice(0, stream.indexOf('-')) : stream;
      for (const record of records) {
        linked.push(...systemWrite(`$ce-${category}`, '$>', `${record.revision}@${stream}`, false));
      }
    }
    notify([...records, ...linked]);
    return { kind: 'written', current: last.revision, last };
  };

  return {
    maxAppendSize,
    append,
    /** One stream's records, or undefined when it does not exist. */
    stream: (name: string): readonly DoubleRecord[] | undefined => streams.get(name),
    /** The whole log in `$all` order. */
    all: (): readonly DoubleRecord[] => all,
    /** Calls `listener` with the records of every append, synchronously; returns the unsubscription. */
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
