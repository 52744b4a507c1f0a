import type { ReadStreamOptions, RecordedEvent } from '@pinnstatistik/core';
import pg from 'pg';
import { bothTables, RECORDED_COLUMNS, type RecordedRow, toRecordedEvent } from './recorded-row.js';

/** Rows the turn's lock statement reads at most; more, and the body reads the stream itself. */
const PREFETCH = 500;
/** Streams whose last seen revision is remembered (the oldest forgotten first). */
const REMEMBERED = 10_000;

/** What a turn read with its lock: the stream's events from `from` on, all of them. */
interface Held {
  readonly from: number;
  readonly events: readonly RecordedEvent[];
}

/**
 * The read a writer makes first in its turn on a stream — the events after the ones it knows —
 * made with the lock, in the same round trip: the lock statement is followed by a read of what
 * came after the last revision this store has seen of the stream (appended or served), and the
 * turn's first read of the stream is answered from it. Each statement of the pair sees what was
 * committed when it began, so the read sees every earlier holder's commit. A read the held
 * events cannot answer exactly (another start, backwards, a limit, or more than one page) goes
 * to the server; so does everything after the turn's first append.
 */
export interface TurnReads {
  /** The lock statement for a stream, with the read where the store knows how far it has seen it. */
  lockStatement(lockClass: number, stream: string): { readonly text: string; readonly from?: number };
  /** Keeps what the lock statement read, for the turn. */
  hold(stream: string, from: number, rows: readonly RecordedRow[]): void;
  /** Forgets what the turn read (its end, or an append to the stream). */
  drop(stream: string): void;
  /** The turn's first read of a stream, answered from what its lock statement read; `undefined` to read it from the server. */
  serve(stream: string, options?: ReadStreamOptions): readonly RecordedEvent[] | undefined;
  /** Remembers the last revision of a stream this store has seen. */
  saw(stream: string, revision: number): void;
}

/** Turn reads for a store's schema (quoted). */
export function createTurnReads(schema: string): TurnReads {
  const seen = new Map<string, number>();
  const held = new Map<string, Held>();

  const saw: TurnReads['saw'] = (stream, revision) => {
    const before = seen.get(stream);
    if (before !== undefined && before >= revision) return;
    seen.delete(stream);
    seen.set(stream, revision);
    if (seen.size > REMEMBERED) seen.delete(seen.keys().next().value as string);
  };

  return {
    lockStatement(lockClass, stream) {
      const lock = `select pg_advisory_lock(${lockClass}, hashtext(${pg.escapeLiteral(stream)}))`;
      const last = seen.get(stream);
      if (last === undefined) return { text: lock };
      const from = last + 1;
      const read = `select ${RECORDED_COLUMNS}
          from ${schema}.streams s
          cross join lateral ${bothTables(schema, `x.stream_id = s.stream_id and x.revision >= ${from}`, 'x.revision asc', String(PREFETCH))} e
         where s.name = ${pg.escapeLiteral(stream)}
         order by e.revision asc
         limit ${PREFETCH}`;
      return { text: `${lock}; ${read}`, from };
    },
    hold(stream, from, rows) {
      if (rows.length >= PREFETCH) return; // perhaps not all: the body reads for itself
      held.set(stream, { from, events: rows.map(toRecordedEvent) });
    },
    drop(stream) {
      held.delete(stream);
    },
    serve(stream, options = {}) {
      const turn = held.get(stream);
      if (turn === undefined) return undefined;
      const from = options.fromRevision ?? 0;
      if (options.direction === 'backwards' || options.limit !== undefined || from < turn.from)
        return undefined;
      held.delete(stream); // once: what the body appends next is not in it
      const events = turn.events.filter((event) => event.revision >= from);
      const last = events.at(-1);
      if (last !== undefined) saw(stream, last.revision);
      return events;
    },
    saw,
  };
}
