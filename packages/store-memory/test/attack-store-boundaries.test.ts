import type { EventToAppend, RecordedEvent } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../src/index.js';

// The memory store now keeps its integer columns in pages of 16,384 entries, its bytes in 1 MiB
// chunks (a record larger than a chunk in a chunk of its own) and its id index up to three
// quarters full (940e544); its UUID ids in an id column of 4,096-slot pages, and each record's
// length is where the next begins. Held here against a model, across every one of those boundaries:
// a stream longer than a page, records that fill a chunk to its last byte, overflow it, or are
// larger than a chunk, the index grown many times — every read returns exactly what was
// appended (ids, types, bytes), retries of the oldest ids are still recognised, and a deleted
// stream's neighbours in the same chunks and pages are untouched.

const PAGE = 16_384;
const CHUNK = 1024 * 1024;

/** Bytes no other event has: its number spelled through them, so a misplaced byte shows. */
function bytesOf(n: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 1) bytes[at] = (n * 131 + at * 7 + (at >>> 8)) & 0xff;
  if (size >= 8) new DataView(bytes.buffer).setUint32(size - 4, n ^ 0x5eed5eed);
  return bytes;
}

const idOf = (n: number): string =>
  n % 5 === 1 ? `evt-${n}-å` : `0a0b0c0d-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function eventOf(n: number, size: number): EventToAppend {
  return { id: idOf(n), type: `T${n % 7}`, data: bytesOf(n, size), metadata: bytesOf(n + 1, n % 3) };
}

interface Appended {
  readonly stream: string;
  readonly event: EventToAppend;
}

const same = (read: RecordedEvent, expected: Appended): boolean =>
  read.stream === expected.stream &&
  read.id === expected.event.id &&
  read.type === expected.event.type &&
  Buffer.from(read.data).equals(Buffer.from(expected.event.data)) &&
  Buffer.from(read.metadata).equals(Buffer.from(expected.event.metadata));

describe('the memory store across its page, chunk and index boundaries', () => {
  it('reads back exactly what was appended, recognises retries and deletes only what it deletes', async () => {
    const store = createMemoryEventStore({ maxAppendBytes: 4 * CHUNK });
    const log: Appended[] = [];
    const byStream = new Map<string, EventToAppend[]>();
    let n = 0;
    const append = async (stream: string, sizes: readonly number[]) => {
      const events = sizes.map((size) => eventOf(n++, size));
      const known = byStream.get(stream) ?? [];
      const result = await store.append(stream, events, {
        expected: known.length - 1 < 0 ? 'no-stream' : known.length - 1,
      });
      if (E.isLeft(result)) throw new Error(result.left.code);
      expect(result.right.written).toBe(events.length);
      byStream.set(stream, [...known, ...events]);
      for (const event of events) log.push({ stream, event });
    };

    // Records that fill the first chunk to its very last byte, then one byte more, then more than a chunk.
    await append('fill', [CHUNK - 17 - 6]); // + a 17-byte UUID id + 6 bytes of type and length, no metadata
    await append('fill', [1]);
    await append('large', [CHUNK + 12_345]);
    await append('large', [3 * CHUNK + 7, 10]);
    // A long stream across the page boundary of every integer column, others interleaved with it,
    // with records of a few hundred bytes to tens of kilobytes: several chunks' worth in all.
    for (let round = 0; round < PAGE + 600; round += 1) {
      await append('long', [16 + (round % 300)]);
      if (round % 997 === 0) await append(`side-${round % 3}`, [20_000 + round, 40]);
      if (round === PAGE - 2) await append('doomed', [500_000, 700_000]);
    }
    await append('after', [CHUNK]);

    // Retries of the first, a middle and the newest ids: recognised, nothing written.
    for (const [stream, index] of [
      ['fill', 0],
      ['long', 0],
      ['long', PAGE],
      ['large', 2],
    ] as const) {
      const event = byStream.get(stream)?.[index] as EventToAppend;
      const retried = await store.append(stream, [event], { expected: 0 });
      expect(E.isRight(retried) && retried.right.written).toBe(0);
    }
    const batchRetry = await store.appendBatch([
      { stream: 'long', events: (byStream.get('long') ?? []).slice(PAGE - 2, PAGE + 2), expected: 'any' },
    ]);
    expect(E.isRight(batchRetry) && batchRetry.right[0]?.written).toBe(0);

    await store.deleteStreams(['doomed']);
    const kept = log.filter((entry) => entry.stream !== 'doomed');

    // readAll: every kept event, in order, exactly as appended.
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    expect(all.length).toBe(kept.length);
    const firstWrong = all.findIndex((event, index) => !same(event, kept[index] as Appended));
    expect(firstWrong).toBe(-1);

    // readStream, forwards from either side of the page boundary and backwards across it.
    const long = byStream.get('long') ?? [];
    const fromBoundary: RecordedEvent[] = [];
    for await (const event of store.readStream('long', { fromRevision: PAGE - 3, limit: 6 }))
      fromBoundary.push(event);
    expect(fromBoundary.map((event) => event.revision)).toEqual([0, 1, 2, 3, 4, 5].map((k) => PAGE - 3 + k));
    fromBoundary.forEach((event, k) => {
      expect(same(event, { stream: 'long', event: long[PAGE - 3 + k] as EventToAppend })).toBe(true);
    });
    const backwards: number[] = [];
    for await (const event of store.readStream('long', {
      direction: 'backwards',
      fromRevision: PAGE + 1,
      limit: 4,
    }))
      backwards.push(event.revision);
    expect(backwards).toEqual([PAGE + 1, PAGE, PAGE - 1, PAGE - 2]);
    for (const stream of ['fill', 'large', 'after', 'side-0']) {
      const read: RecordedEvent[] = [];
      for await (const event of store.readStream(stream)) read.push(event);
      const expected = byStream.get(stream) ?? [];
      expect(read.length).toBe(expected.length);
      read.forEach((event, k) => {
        expect(same(event, { stream, event: expected[k] as EventToAppend })).toBe(true);
      });
    }

    // The deleted stream is gone and stays so; its bytes, not its neighbours', are zeros.
    const doomed: RecordedEvent[] = [];
    for await (const event of store.readStream('doomed')) doomed.push(event);
    expect(doomed).toEqual([]);
    const again = await store.append('doomed', [eventOf(n++, 10)], { expected: 'any' });
    expect(E.isLeft(again) && again.left.code).toBe('STREAM_DELETED');
    const stored = Buffer.concat(store.storedBytes().map((bytes) => Buffer.from(bytes)));
    for (const event of log.filter((entry) => entry.stream === 'doomed'))
      expect(stored.includes(Buffer.from(event.event.data.subarray(-64)))).toBe(false);
    for (const event of kept.slice(-3))
      expect(stored.includes(Buffer.from(event.event.data.subarray(-16)))).toBe(true);
    // Its ids too: a UUID's 36 characters are kept in the id column, outside the records, and
    // every byte of the column is among the stored bytes (the kept ids are found there).
    const doomedIds = log.filter((entry) => entry.stream === 'doomed').map((entry) => entry.event.id);
    expect(doomedIds.filter((id) => id.length === 36).length).toBeGreaterThan(0);
    for (const id of doomedIds) expect(stored.includes(Buffer.from(id, 'utf8'))).toBe(false);
    for (const event of kept.slice(-3))
      expect(stored.includes(Buffer.from(event.event.id, 'utf8'))).toBe(true);
  });
});
