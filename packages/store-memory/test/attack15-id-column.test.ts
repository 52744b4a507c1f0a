import type { EventStore, EventToAppend, ReadAllOptions, RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../src/index.js';
import type { MemoryEventStore } from '../src/memory-event-store.js';

// Attack 15 (9eb55ab): ids of 36 ASCII characters now live in an id column (4,096-slot pages),
// read a run of up to 256 at a time by readAll/readAllPages; the byte log no longer keeps
// record lengths nor chunks (a record ends where the next of its chunk starts, or where its
// chunk's writing ended; the chunk is found by a cached binary search). Held here against a
// model written without the store's code: odd 36-character ids and their retries, records on
// and over the 1 MiB chunk end read from every side by interleaved cursors, cursors stepped
// while streams are appended and deleted, the bytes a deletion must leave behind, and a
// subscription catching up across a deletion.

const CHUNK = 1024 * 1024;

interface Expected {
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly event: EventToAppend;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The event as read, in a form whose difference from the expected one is readable. */
const shown = (read: RecordedEvent) => ({
  stream: read.stream,
  revision: read.revision,
  position: read.position,
  id: read.id,
  type: read.type,
  data: hex(read.data),
  metadata: hex(read.metadata),
});
const wanted = (expected: Expected) => ({
  stream: expected.stream,
  revision: expected.revision,
  position: String(expected.position),
  id: expected.event.id,
  type: expected.event.type,
  data: hex(expected.event.data),
  metadata: hex(expected.event.metadata),
});

/** The bytes a record takes, worked out from the format's description (not from the store). */
function modelRecordSize(event: EventToAppend): number {
  const column = event.id.length === 36 && [...event.id].every((char) => char.charCodeAt(0) <= 0x7f);
  const idBytes = column ? 1 : 2 + Buffer.byteLength(event.id, 'utf8');
  return idBytes + 6 + event.data.length + event.metadata.length;
}

/** Bytes no other event has. */
function bytesOf(n: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 1) bytes[at] = (n * 131 + at * 7 + (at >>> 8) + 1) & 0xff;
  if (size >= 8) new DataView(bytes.buffer, bytes.byteOffset).setUint32(size - 4, n ^ 0x5eed5eed);
  return bytes;
}

function right<T>(result: E.Either<unknown, T>): T {
  if (E.isLeft(result)) throw new Error(`refused: ${JSON.stringify(result.left)}`);
  return result.right;
}

/** One step of a read, by hand (for cursors interleaved with other work). */
async function step<T>(iterator: AsyncIterator<T>): Promise<T | undefined> {
  const result = await iterator.next();
  return result.done === true ? undefined : result.value;
}

function pagesOf(store: EventStore, options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]> {
  if (store.readAllPages === undefined) throw new Error('the memory store reads in pages');
  return store.readAllPages(options);
}

/** Whether `needle` occurs in any of the buffers. */
function holds(buffers: readonly Uint8Array[], needle: Uint8Array): boolean {
  return buffers.some((buffer) =>
    Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength).includes(Buffer.from(needle)),
  );
}

// ---------------------------------------------------------------------------------------------
// 1. Ids of exactly 36 characters that are not UUIDs, their neighbours in length, their retries.

const ODD_IDS: readonly string[] = [
  'ABCDEF00-0000-4000-8000-00000000000A', // upper-case UUID
  'abcdef00-0000-4000-8000-00000000000a', // its lower-case twin: another id
  ' '.repeat(36),
  '\u0000'.repeat(36),
  '\u007f'.repeat(36),
  `${'\u0001'.repeat(35)}\u0000`,
  `${'a'.repeat(35)}é`, // 36 UTF-16 units, one non-ASCII: in the record
  `é${'a'.repeat(35)}`,
  `${'a'.repeat(34)}😀`, // a surrogate pair making 36 units
  `😀${'b'.repeat(34)}`,
  '\u0080'.repeat(36), // latin1 range, not ASCII
  'ÿ'.repeat(36),
  `${'c'.repeat(35)}\u0100`,
  'x'.repeat(35),
  'x'.repeat(37),
  'y'.repeat(36),
  'y'.repeat(35),
  '',
  'z',
  'not a uuid but thirty-six characters',
  '{"id":1}{"id":2}{"id":3}{"id":4}xyzw',
];

describe('attack 15: the id column against odd ids of 36 characters and their neighbours', () => {
  it('keeps every odd id exactly, per stream, and recognises each retry', async () => {
    const store = createMemoryEventStore();
    const expected: Expected[] = [];
    const revisions = new Map<string, number>();
    let n = 0;
    const push = (stream: string, event: EventToAppend) => {
      const revision = revisions.get(stream) ?? 0;
      revisions.set(stream, revision + 1);
      expected.push({ stream, revision, position: expected.length + 1, event });
    };
    const eventOf = (id: string): EventToAppend => {
      n += 1;
      return { id, type: `T${n % 3}`, data: bytesOf(n, n % 5), metadata: bytesOf(n + 1000, n % 2) };
    };

    // Each id alone, in stream one, then in stream two (another event), then as a retry in both.
    for (const id of ODD_IDS) {
      const first = eventOf(id);
      const success = right(await store.append('one', [first], { expected: 'any' }));
      expect({ id, written: success.written }).toEqual({ id, written: 1 });
      push('one', first);
    }
    for (const id of ODD_IDS) {
      const other = eventOf(id);
      const success = right(await store.appendBatch([{ stream: 'two', events: [other], expected: 'any' }]));
      expect({ id, written: success[0]?.written }).toEqual({ id, written: 1 });
      push('two', other);
    }
    for (const [index, id] of ODD_IDS.entries()) {
      for (const stream of ['one', 'two']) {
        const retried = right(await store.append(stream, [eventOf(id)], { expected: 'any' }));
        const at = expected.find((entry) => entry.stream === stream && entry.event.id === id);
        expect({ id, stream, index, retried }).toEqual({
          id,
          stream,
          index,
          retried: { nextRevision: ODD_IDS.length - 1, position: String(at?.position), written: 0 },
        });
      }
    }
    // A whole batch of retries, in a different order: nothing written.
    const again = right(
      await store.append(
        'one',
        [...ODD_IDS].reverse().map((id) => eventOf(id)),
        { expected: 'any' },
      ),
    );
    expect(again.written).toBe(0);
    // A batch naming each id twice, in a new stream: each once.
    const twice = ODD_IDS.flatMap((id) => [eventOf(id), eventOf(id)]);
    const batched = right(await store.append('three', twice, { expected: 'no-stream' }));
    expect(batched.written).toBe(ODD_IDS.length);
    for (let at = 0; at < twice.length; at += 2) push('three', twice[at] as EventToAppend);
    // A batch half retries, half new: only the new ones written, in order.
    const fresh = ['q'.repeat(36), 'Q'.repeat(36), `${'q'.repeat(35)}ü`];
    const mixed = [...ODD_IDS.slice(0, 3), ...fresh].map((id) => eventOf(id));
    const mixedResult = right(await store.append('one', mixed, { expected: 'any' }));
    expect(mixedResult.written).toBe(fresh.length);
    for (const event of mixed.slice(3)) push('one', event);

    const check = async () => {
      const kept = expected.filter((entry) => !deleted.has(entry.stream));
      expect((await collect(store.readAll())).map(shown)).toEqual(kept.map(wanted));
      expect((await collect(pagesOf(store))).flat().map(shown)).toEqual(kept.map(wanted));
      for (const stream of ['one', 'two', 'three']) {
        const own = kept.filter((entry) => entry.stream === stream).map(wanted);
        expect((await collect(store.readStream(stream))).map(shown)).toEqual(own);
        expect((await collect(store.readStream(stream, { direction: 'backwards' }))).map(shown)).toEqual(
          [...own].reverse(),
        );
      }
      // Every start and every short limit: runs of one, two and three ids.
      for (let after = 0; after <= store.size; after += 1)
        for (const limit of [1, 2, 3]) {
          const from = kept.filter((entry) => entry.position > after).slice(0, limit);
          expect((await collect(store.readAll({ after: String(after), limit }))).map(shown)).toEqual(
            from.map(wanted),
          );
        }
    };
    const deleted = new Set<string>();
    await check();
    // Stream two deleted: its zeroed slots and records must match none of stream one's ids,
    // and stream one's retries must still be recognised (the all-NUL id above all).
    expect((await store.deleteStreams(['two'])).removed).toBe(ODD_IDS.length);
    deleted.add('two');
    await check();
    for (const id of ODD_IDS) {
      const retried = right(await store.append('one', [eventOf(id)], { expected: 'any' }));
      expect({ id, written: retried.written }).toEqual({ id, written: 0 });
    }
    // A new stream may hold the ids of the deleted one again (no wiped slot taken for them).
    for (const id of ['\u0000'.repeat(36), '', ' '.repeat(36)]) {
      const event = eventOf(id);
      expect(right(await store.append('four', [event], { expected: 'any' })).written).toBe(1);
      push('four', event);
    }
    await check();
    expect((await collect(store.readStream('four'))).map((event) => event.id)).toEqual([
      '\u0000'.repeat(36),
      '',
      ' '.repeat(36),
    ]);
  });
});

/** FNV-1a over an id's encoded column form (form byte 1, then its characters), seeded by a stream ordinal: only to pick colliding inputs. */
function columnHash(ordinal: number, id: string): number {
  let hash = (0x811c9dc5 ^ Math.imul(ordinal + 1, 0x9e3779b1)) >>> 0;
  const bytes = [1, ...[...id].map((char) => char.charCodeAt(0))];
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x7fffffff;
}

describe('attack 15: two column ids whose index hashes collide', () => {
  it('keeps both as two events (the column slot, not the form byte, tells them apart)', async () => {
    // Birthday search for two 36-character ASCII ids with one hash in the first stream (ordinal 0).
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let k = 0; pair === undefined && k < 400_000; k += 1) {
      const id = `collide-${k}`.padEnd(36, '.');
      const hash = columnHash(0, id);
      const other = byHash.get(hash);
      if (other === undefined) byHash.set(hash, id);
      else pair = [other, id];
    }
    expect(pair).toBeDefined();
    const [first, second] = pair as [string, string];
    const store = createMemoryEventStore();
    const event = (id: string, n: number): EventToAppend => ({
      id,
      type: 'T',
      data: new Uint8Array([n]),
      metadata: new Uint8Array(0),
    });
    expect(right(await store.append('only', [event(first, 1)], { expected: 'any' })).written).toBe(1);
    expect({
      second,
      written: right(await store.append('only', [event(second, 2)], { expected: 'any' })).written,
    }).toEqual({
      second,
      written: 1,
    });
    // And through the batch path.
    const batch = right(await store.append('only', [event(second, 3), event(first, 4)], { expected: 'any' }));
    expect(batch.written).toBe(0);
    expect((await collect(store.readAll())).map((read) => [read.id, read.data[0]])).toEqual([
      [first, 1],
      [second, 2],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Records on the chunk end, one byte over, larger than a chunk; cursors interleaved.

describe('attack 15: records on and over the 1 MiB chunk end, read by interleaved cursors', () => {
  it('gives each record its exact data and metadata on both sides of every chunk end', async () => {
    const store = createMemoryEventStore({ maxAppendBytes: 3 * CHUNK });
    const expected: Expected[] = [];
    const revisions = new Map<string, number>();
    // The model's chunk: bytes used of the newest chunk and its size.
    let used = 0;
    let size = 0;
    const chunkOfPosition: number[] = [];
    let chunks = 0;
    let n = 0;
    const idOf = (k: number): string =>
      k % 3 === 0 ? `${k}`.padStart(36, 'U') : k % 3 === 1 ? `t-${k}` : `${k}é`.padEnd(36, 'v');
    /** An event taking exactly `bytes` bytes, with `metadataBytes` of metadata. */
    const sized = (bytes: number, metadataBytes: number): EventToAppend => {
      n += 1;
      const id = bytes < 80 && n % 3 !== 0 ? `${n}`.padStart(36, 'S') : idOf(n);
      const probe: EventToAppend = { id, type: 'T', data: new Uint8Array(0), metadata: new Uint8Array(0) };
      const dataBytes = bytes - modelRecordSize(probe) - metadataBytes;
      if (dataBytes < 0) throw new Error(`no record of ${bytes} bytes for ${id}`);
      return {
        id,
        type: `T${n % 4}`,
        data: bytesOf(n, dataBytes),
        metadata: bytesOf(n + 7777, metadataBytes),
      };
    };
    const add = async (stream: string, event: EventToAppend) => {
      const bytes = modelRecordSize(event);
      if (size - used < bytes) {
        size = Math.max(CHUNK, bytes);
        used = 0;
        chunks += 1;
      }
      used += bytes;
      right(await store.append(stream, [event], { expected: 'any' }));
      const revision = revisions.get(stream) ?? 0;
      revisions.set(stream, revision + 1);
      expected.push({ stream, revision, position: expected.length + 1, event });
      chunkOfPosition.push(chunks);
    };
    const room = () => size - used;
    const streams = ['p', 'q', 'r'];
    let turn = 0;
    const next = () => streams[turn++ % streams.length] as string;

    // The very first record larger than a chunk: a chunk of its own before any other.
    await add(next(), sized(CHUNK + 5, 0));
    // Then one exactly a chunk, one over a chunk with metadata, two of 2 MiB running.
    await add(next(), sized(CHUNK, 3));
    await add(next(), sized(CHUNK + 1, 1));
    await add(next(), sized(2 * CHUNK, 0));
    await add(next(), sized(2 * CHUNK + 17, 9));
    // A chunk filled to its last byte: a large record, then one of exactly the room left.
    await add(next(), sized(CHUNK - 1000, 0));
    for (let k = 0; k < 5; k += 1) await add(next(), sized(150, k % 2));
    await add(next(), sized(room(), 0)); // ends exactly on the chunk's end, no metadata
    await add(next(), sized(40, 0)); // the first of a new chunk
    // One byte over the room left: a new chunk, a gap left behind the previous record.
    await add(next(), sized(CHUNK - 2000, 0));
    await add(next(), sized(600, 0));
    await add(next(), sized(room() + 1, 4)); // one byte too many: next chunk
    await add(next(), sized(30, 0));
    // The room left is exactly a record's smallest size; then an empty-bodied record just before a big one.
    await add(next(), sized(CHUNK - 200, 0));
    await add(next(), sized(room() - 7, 2));
    await add(next(), sized(7, 0)); // only the column id's form byte and its type and length
    await add(next(), sized(CHUNK + 3, 0)); // the next chunk is its own
    await add(next(), sized(9, 2));
    // Small records on both sides of a further boundary, metadata empty and not.
    await add(next(), sized(CHUNK - 300, 5));
    for (let k = 0; k < 8; k += 1) await add(next(), sized(60 + k, k % 2 === 0 ? 0 : 3));
    expect(chunks).toBeGreaterThanOrEqual(10);
    expect(store.size).toBe(expected.length);

    const all = expected.map(wanted);
    expect((await collect(store.readAll())).map(shown)).toEqual(all);
    expect((await collect(pagesOf(store))).flat().map(shown)).toEqual(all);
    for (const stream of streams) {
      const own = expected.filter((entry) => entry.stream === stream).map(wanted);
      expect((await collect(store.readStream(stream))).map(shown)).toEqual(own);
      expect((await collect(store.readStream(stream, { direction: 'backwards' }))).map(shown)).toEqual(
        [...own].reverse(),
      );
    }
    // readAll after every position with limits 1 and 2: a read starting on each side of each end.
    for (let after = 0; after <= expected.length; after += 1)
      for (const limit of [1, 2]) {
        const read = await collect(store.readAll({ after: String(after), limit }));
        expect({ after, limit, read: read.map(shown) }).toEqual({
          after,
          limit,
          read: all.slice(after, after + limit),
        });
      }

    // Three cursors stepped in turn over different chunks: forwards from the start, backwards
    // from the end over one stream, forwards from the middle — the chunk cache thrashed each step.
    const forwards = store.readAll()[Symbol.asyncIterator]();
    const middleAfter = Math.floor(expected.length / 2);
    const middle = store.readAll({ after: String(middleAfter) })[Symbol.asyncIterator]();
    const backwardsStream = 'q';
    const back = store.readStream(backwardsStream, { direction: 'backwards' })[Symbol.asyncIterator]();
    const backExpected = expected.filter((entry) => entry.stream === backwardsStream).reverse();
    const lastOfEachChunk = new Set<number>();
    for (let position = 1; position < chunkOfPosition.length; position += 1)
      if (chunkOfPosition[position] !== chunkOfPosition[position - 1]) lastOfEachChunk.add(position - 1);
    for (let k = 0; k < expected.length; k += 1) {
      const a = await step(forwards);
      expect(a && shown(a)).toEqual(all[k]);
      const b = await step(back);
      const bExpected = backExpected[k];
      expect(b && shown(b)).toEqual(bExpected && wanted(bExpected));
      const c = await step(middle);
      expect(c && shown(c)).toEqual(all[middleAfter + k]);
      // Between two steps, single reads of the records on each side of a chunk end.
      for (const last of lastOfEachChunk) {
        if ((k + last) % 5 !== 0) continue;
        const pair = await collect(store.readAll({ after: String(last), limit: 2 }));
        expect(pair.map(shown)).toEqual(all.slice(last, last + 2));
      }
    }
    expect(await step(forwards)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Cursors stepped while streams are appended and deleted.

type Op =
  | { kind: 'append'; stream: number; count: number; batch: boolean }
  | { kind: 'delete'; stream: number }
  | { kind: 'open'; pages: boolean; afterFraction: number; limit: number | undefined }
  | { kind: 'step'; cursor: number; times: number };

const STREAM_COUNT = 5;
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      stream: fc.nat(STREAM_COUNT - 1),
      count: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 200, max: 1300 })),
      batch: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), stream: fc.nat(STREAM_COUNT - 1) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('open' as const),
      pages: fc.boolean(),
      afterFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      limit: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('step' as const),
      cursor: fc.nat(7),
      times: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 100, max: 900 })),
    }),
  },
);

/** Ids of every form, each unique: a shifted or stale id shows. */
function raceId(n: number): string {
  switch (n % 5) {
    case 0:
      return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    case 1:
      return `ID ${n}`.padEnd(36, '_');
    case 2:
      return `text-${n}`;
    case 3:
      return `${n}ñ`.padEnd(36, 'x');
    default:
      return `${n}`.padStart(36, '\u0000');
  }
}

interface Cursor {
  readonly deletionsAtOpen: number;
  readonly appendsAtOpen: number;
  readonly pages: boolean;
  readonly limit: number;
  readonly iterator: AsyncIterator<RecordedEvent | readonly RecordedEvent[]>;
  at: number;
  yielded: number;
  done: boolean;
}

describe('attack 15: cursors stepped while streams are appended and deleted', () => {
  it('yields exactly what was appended, never a deleted stream, never a stale or shifted id', async () => {
    // How often the races the property is for happened (checked after it: the property bites).
    const seenRaces = { afterDeletion: 0, afterAppend: 0, beyondColumnPage: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArbitrary, { minLength: 8, maxLength: 30 }),
        fc.option(fc.integer({ min: 3700, max: 4095 }), { nil: undefined }),
        async (generated, prelude) => {
          // Half the runs start just short of the id column's second page (slot 4,096).
          const ops: Op[] =
            prelude === undefined
              ? generated
              : [{ kind: 'append', stream: 4, count: prelude, batch: true }, ...generated];
          const store = createMemoryEventStore();
          const log: Expected[] = [];
          const deleted = new Set<string>();
          const revisions = new Map<string, number>();
          const cursors: Cursor[] = [];
          let n = 0;
          let deletions = 0;
          let appends = 0;
          const nextFor = (cursor: Cursor): Expected | undefined => {
            if (cursor.yielded >= cursor.limit) return undefined;
            for (let position = cursor.at + 1; position <= log.length; position += 1) {
              const entry = log[position - 1] as Expected;
              if (!deleted.has(entry.stream)) return entry;
            }
            return undefined;
          };
          for (const op of ops) {
            if (op.kind === 'append') {
              const stream = `s${op.stream}`;
              const events: EventToAppend[] = [];
              for (let k = 0; k < op.count; k += 1) {
                n += 1;
                events.push({
                  id: raceId(n),
                  type: `T${n % 3}`,
                  data: bytesOf(n, 4 + (n % 3)),
                  metadata: bytesOf(-n, n % 2),
                });
              }
              const accepted = op.batch
                ? E.isRight(await store.appendBatch([{ stream, events, expected: 'any' }]))
                : E.isRight(await store.append(stream, events, { expected: 'any' }));
              if (deleted.has(stream)) {
                expect(accepted).toBe(false);
                continue;
              }
              expect(accepted).toBe(true);
              for (const event of events) {
                const revision = revisions.get(stream) ?? 0;
                revisions.set(stream, revision + 1);
                log.push({ stream, revision, position: log.length + 1, event });
              }
              appends += 1;
            } else if (op.kind === 'delete') {
              const stream = `s${op.stream}`;
              await store.deleteStreams([stream]);
              if (revisions.has(stream)) deleted.add(stream);
              deletions += 1;
            } else if (op.kind === 'open') {
              const after = Math.floor(op.afterFraction * log.length);
              const options: ReadAllOptions = {
                ...(after === 0 && op.afterFraction < 0.1 ? {} : { after: String(after) }),
                ...(op.limit === undefined ? {} : { limit: op.limit }),
              };
              const iterable: AsyncIterable<RecordedEvent | readonly RecordedEvent[]> = op.pages
                ? pagesOf(store, options)
                : store.readAll(options);
              cursors.push({
                deletionsAtOpen: deletions,
                appendsAtOpen: appends,
                pages: op.pages,
                limit: op.limit ?? Number.POSITIVE_INFINITY,
                iterator: iterable[Symbol.asyncIterator](),
                at: after,
                yielded: 0,
                done: false,
              });
            } else {
              const cursor = cursors[op.cursor % Math.max(1, cursors.length)];
              if (cursor === undefined) continue;
              if (cursor.yielded > 0 && deletions > cursor.deletionsAtOpen) seenRaces.afterDeletion += 1;
              if (cursor.yielded > 0 && appends > cursor.appendsAtOpen) seenRaces.afterAppend += 1;
              const startedAt = cursor.at;
              for (let time = 0; time < op.times; time += 1) {
                const value = await step(cursor.iterator);
                if (cursor.done) {
                  expect(value).toBeUndefined();
                  break;
                }
                if (!cursor.pages) {
                  const want = nextFor(cursor);
                  expect(value && shown(value as RecordedEvent)).toEqual(want && wanted(want));
                  if (want === undefined) {
                    cursor.done = true;
                    break;
                  }
                  cursor.at = want.position;
                  cursor.yielded += 1;
                } else {
                  const page: Expected[] = [];
                  for (
                    let want = nextFor(cursor);
                    want !== undefined;
                    want = page.length < 512 ? nextFor(cursor) : undefined
                  ) {
                    page.push(want);
                    cursor.at = want.position;
                    cursor.yielded += 1;
                  }
                  const got = value as readonly RecordedEvent[] | undefined;
                  expect(got?.map(shown)).toEqual(page.length === 0 ? undefined : page.map(wanted));
                  if (page.length === 0) {
                    cursor.done = true;
                    break;
                  }
                }
              }
              if (startedAt < 4096 && cursor.at > 4096) seenRaces.beyondColumnPage += 1;
            }
          }
          // Whatever happened, a fresh read is the model.
          const kept = log.filter((entry) => !deleted.has(entry.stream));
          expect((await collect(store.readAll())).map(shown)).toEqual(kept.map(wanted));
        },
      ),
      { numRuns: 80 },
    );
    expect(seenRaces.afterDeletion).toBeGreaterThan(10);
    expect(seenRaces.afterAppend).toBeGreaterThan(10);
    expect(seenRaces.beyondColumnPage).toBeGreaterThan(0);
    console.log('attack 15 cursor races exercised', seenRaces);
  });
});

// ---------------------------------------------------------------------------------------------
// 4. What a deletion leaves in storedBytes().

describe('attack 15: the bytes a deletion leaves behind', () => {
  it("holds none of a deleted stream's ids nor data, and all of the kept ones'", async () => {
    const store: MemoryEventStore = createMemoryEventStore();
    const idsOf = new Map<string, string[]>();
    const dataOf = new Map<string, Uint8Array[]>();
    const forms = (stream: number, k: number): string => {
      const tag = `${stream.toString(36)}${k.toString(36)}`;
      switch (k % 4) {
        case 0:
          return `${`fe${tag}`.padEnd(8, 'k')}-dead-4bee-8f00-${`${tag}`.padStart(12, 'c')}`; // a UUID-like 36
        case 1:
          return `Q#${tag}!`.padEnd(36, 'Z'); // 36 ASCII, not a UUID
        case 2:
          return `tekst-${tag}-åäö`; // in the record
        default:
          return `${tag}ß`.padEnd(36, 'W'); // 36 units, one non-ASCII: in the record
      }
    };
    // Six streams interleaved, over 4,096 events (two id-column pages), and one record per
    // stream larger than a chunk so a chunk boundary falls in each.
    let n = 0;
    for (let round = 0; round < 800; round += 1)
      for (let stream = 0; stream < 6; stream += 1) {
        const name = `stream-${stream}`;
        const k = idsOf.get(name)?.length ?? 0;
        const id = forms(stream, k);
        n += 1;
        const big = round === 400 + stream;
        const data = new Uint8Array(big ? CHUNK / 2 + 3 : 24);
        for (let at = 0; at < data.length; at += 1) data[at] = 0x21 + ((n * 7 + at * 13) % 90);
        new DataView(data.buffer).setUint32(0, n ^ 0xa5a5a5a5);
        right(
          await store.append(name, [{ id, type: 'T', data, metadata: new Uint8Array(0) }], {
            expected: 'any',
          }),
        );
        idsOf.set(name, [...(idsOf.get(name) ?? []), id]);
        dataOf.set(name, [...(dataOf.get(name) ?? []), data]);
      }
    expect(store.size).toBe(4800);
    const gone = ['stream-1', 'stream-4', 'stream-5'];
    const kept = ['stream-0', 'stream-2', 'stream-3'];
    expect((await store.deleteStreams(gone)).removed).toBe(2400);
    const bytes = store.storedBytes();
    const leftOver: string[] = [];
    for (const name of gone) {
      for (const id of idsOf.get(name) ?? [])
        if (holds(bytes, Buffer.from(id, 'utf8'))) leftOver.push(`id ${JSON.stringify(id)}`);
      for (const data of dataOf.get(name) ?? [])
        if (holds(bytes, data.subarray(0, 24))) leftOver.push(`data of ${name}`);
    }
    expect(leftOver).toEqual([]);
    const missing: string[] = [];
    for (const name of kept) {
      for (const id of idsOf.get(name) ?? []) if (!holds(bytes, Buffer.from(id, 'utf8'))) missing.push(id);
      for (const data of dataOf.get(name) ?? [])
        if (!holds(bytes, data.subarray(0, 24))) missing.push(`data of ${name}`);
    }
    expect(missing).toEqual([]);
    // And reads still give the kept streams exactly.
    const read = await collect(store.readAll());
    expect(read.map((event) => event.id)).toEqual(
      [...Array(800).keys()].flatMap((round) => kept.map((name) => idsOf.get(name)?.[round])),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 5. A subscription catching up across a deletion.

describe('attack 15: a subscription catching up across a deletion', () => {
  it('delivers exactly the appended events, none of a stream deleted before delivery', async () => {
    const store = createMemoryEventStore();
    const log: Expected[] = [];
    const revisions = new Map<string, number>();
    const deleted = new Set<string>();
    let n = 0;
    const append = async (stream: string, count: number) => {
      const events: EventToAppend[] = [];
      for (let k = 0; k < count; k += 1) {
        n += 1;
        events.push({ id: raceId(n), type: `T${n % 2}`, data: bytesOf(n, 6), metadata: bytesOf(n, n % 2) });
      }
      right(await store.append(stream, events, { expected: 'any' }));
      for (const event of events) {
        const revision = revisions.get(stream) ?? 0;
        revisions.set(stream, revision + 1);
        log.push({ stream, revision, position: log.length + 1, event });
      }
    };
    for (let round = 0; round < 10; round += 1) {
      await append('keep', 97);
      await append('drop', 113);
      await append('late', 41);
    }
    const delivered: ReturnType<typeof shown>[] = [];
    const wantedAtDelivery: (ReturnType<typeof wanted> | undefined)[] = [];
    let last = 0;
    let count = 0;
    const subscription = store.subscribe(
      {},
      {
        onEvent: async (event) => {
          count += 1;
          // What should come now: the first event after the last delivered, of no deleted stream.
          const want = log.find((entry) => entry.position > last && !deleted.has(entry.stream));
          delivered.push(shown(event));
          wantedAtDelivery.push(want && wanted(want));
          last = Number(event.position);
          // Mid-way through the first batch of 512, and again in a later one: delete, append.
          if (count === 300) {
            await store.deleteStreams(['drop']);
            deleted.add('drop');
            await append('late', 700);
          }
          if (count === 900) {
            await store.deleteStreams(['late']);
            deleted.add('late');
            await append('keep', 300);
          }
        },
      },
    );
    await subscription.caughtUp;
    await subscription.close();
    expect(delivered.length).toBe(wantedAtDelivery.length);
    const mismatch = delivered.findIndex(
      (event, at) => JSON.stringify(event) !== JSON.stringify(wantedAtDelivery[at]),
    );
    expect(
      mismatch === -1
        ? undefined
        : { at: mismatch, got: delivered[mismatch], want: wantedAtDelivery[mismatch] },
    ).toBeUndefined();
    const kept = log.filter((entry) => !deleted.has(entry.stream));
    expect(delivered.filter((event) => event.stream === 'keep').map((event) => event.id)).toEqual(
      kept.filter((entry) => entry.stream === 'keep').map((entry) => entry.event.id),
    );
    expect(delivered.length).toBeGreaterThan(900);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Broke at 9eb55ab, fixed since: a `limit` that is not a whole number cut the id column's
// run short. logCursor asked `idColumn.run(index, Math.min(256, log.length - index, limit - yielded))`;
// with limit 1.5 the run is 1.5 slots = 54 characters, and the second event's id is the
// 18-character slice left (limit 0.5: the only event gets 18 characters; NaN: every column id
// is '' — `'' ?? idAt(...)` never falls back). readStream with the same limit, and readAll
// before 9eb55ab (ids kept as strings), give the ids exactly. The port's `limit` is a number.
// The run is now whole slots whatever the limit.

describe('attack 15: readAll with a limit that is not a whole number', () => {
  it('readAll/readAllPages give each column id whole whatever the limit (0.5, 1.5, 2.25, NaN)', async () => {
    const store = createMemoryEventStore();
    const ids = [
      '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000003',
    ];
    right(
      await store.append(
        's',
        ids.map((id) => ({ id, type: 'T', data: new Uint8Array([1]), metadata: new Uint8Array(0) })),
        { expected: 'any' },
      ),
    );
    const observed: Record<string, unknown> = {};
    const expectedIds: Record<string, unknown> = {};
    for (const limit of [0.5, 1.5, 2.25, Number.NaN]) {
      // The same limit through readStream: the events it yields, with their ids whole.
      const byStream = (await collect(store.readStream('s', { limit }))).map((event) => event.id);
      expectedIds[`readAll ${limit}`] = byStream;
      expectedIds[`readAllPages ${limit}`] = byStream;
      observed[`readAll ${limit}`] = (await collect(store.readAll({ limit }))).map((event) => event.id);
      observed[`readAllPages ${limit}`] = (await collect(pagesOf(store, { limit })))
        .flat()
        .map((event) => event.id);
    }
    // Observed at 9eb55ab: readAll 0.5 → ['00000000-0000-4000'], 1.5 → [id1, '00000000-0000-4000'],
    // 2.25 → [id1, id2, '00000000-'], NaN → ['', '', ''] (readAllPages the same).
    expect(observed).toEqual(expectedIds);
  });
});
