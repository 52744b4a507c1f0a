import type { EventToAppend } from '@pinnstatistik/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../src/index.js';
import type { MemoryEventStore } from '../src/memory-event-store.js';

// A one-event append writes its UUID id straight into the id column's slot of the next log
// index and hashes it on the way (issue 19, item 2); the batch path encodes and hashes ids
// apart. Held here: a refused or retried append leaves no copy of its id in the store's bytes,
// and both paths find each other's ids (one hash), in the same stream only.

const event = (id: string, size = 8): EventToAppend => ({
  id,
  type: 'Noted',
  data: new Uint8Array(size).fill(7),
  metadata: new Uint8Array(0),
});

/** How many times `text`'s bytes occur in everything the store holds. */
function occurrences(store: MemoryEventStore, text: string): number {
  const needle = Buffer.from(text, 'latin1');
  let count = 0;
  for (const bytes of store.storedBytes()) {
    const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count += 1;
  }
  return count;
}

async function idsOf(store: MemoryEventStore, stream: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const recorded of store.readStream(stream)) ids.push(recorded.id);
  return ids;
}

const uuid = (n: number): string => `6f1c2a3b-4d5e-4f60-8172-${n.toString(16).padStart(12, '0')}`;

describe('an id written in place by a one-event append', () => {
  it('leaves no trace of a refused append’s id: wrong revision, too large, on a new stream or an old one', async () => {
    const store = createMemoryEventStore({ maxAppendBytes: 64 });
    expect(E.isRight(await store.append('s', [event(uuid(1))], { expected: 'no-stream' }))).toBe(true);

    const wrongRevision = await store.append('s', [event(uuid(2))], { expected: 5 });
    expect(E.isLeft(wrongRevision) && wrongRevision.left.code).toBe('WRONG_EXPECTED_REVISION');
    const tooLarge = await store.append('s', [event(uuid(3), 100)], { expected: 0 });
    expect(E.isLeft(tooLarge) && tooLarge.left.code).toBe('APPEND_TOO_LARGE');
    const newStreamTooLarge = await store.append('t', [event(uuid(4), 100)], { expected: 'no-stream' });
    expect(E.isLeft(newStreamTooLarge) && newStreamTooLarge.left.code).toBe('APPEND_TOO_LARGE');

    for (const refused of [2, 3, 4]) expect(occurrences(store, uuid(refused))).toBe(0);
    expect(occurrences(store, uuid(1))).toBe(1);

    // The slot the refusals wrote into is the next event's: it then holds that event's id alone.
    expect(E.isRight(await store.append('s', [event(uuid(5))], { expected: 0 }))).toBe(true);
    expect(await idsOf(store, 's')).toEqual([uuid(1), uuid(5)]);
  });

  it('keeps one copy of a retried id, and reports the original append', async () => {
    const store = createMemoryEventStore();
    await store.append('s', [event(uuid(1))], { expected: 'no-stream' });
    await store.append('s', [event(uuid(2))], { expected: 0 });
    const retried = await store.append('s', [event(uuid(1))], { expected: 'no-stream' });
    expect(retried).toEqual(E.right({ nextRevision: 1, position: '1', written: 0 }));
    expect(occurrences(store, uuid(1))).toBe(1);
  });

  it('finds ids across the one-event and the batch paths, in the same stream only', async () => {
    const store = createMemoryEventStore();
    await store.append('a', [event(uuid(1))], { expected: 'no-stream' });
    await store.appendBatch([
      { stream: 'b', events: [event(uuid(2)), event(uuid(3))], expected: 'no-stream' },
    ]);

    // Batch retry of a one-event append, one-event retry of a batch's event.
    const batchRetry = await store.appendBatch([
      { stream: 'a', events: [event(uuid(1))], expected: 'no-stream' },
    ]);
    expect(batchRetry).toEqual(E.right([{ nextRevision: 0, position: '1', written: 0 }]));
    const oneRetry = await store.append('b', [event(uuid(3))], { expected: 'no-stream' });
    expect(oneRetry).toEqual(E.right({ nextRevision: 1, position: '3', written: 0 }));

    // The same id in another stream is another event.
    const elsewhere = await store.append('b', [event(uuid(1))], { expected: 1 });
    expect(elsewhere).toEqual(E.right({ nextRevision: 2, position: '4', written: 1 }));
    expect(occurrences(store, uuid(1))).toBe(2);
  });

  it('keeps an id of 36 characters that are not all ASCII in its record, once', async () => {
    const store = createMemoryEventStore();
    const prefix = 'x'.repeat(20) + uuid(9).slice(20, 35);
    const id = `${prefix}é`;
    expect(id.length).toBe(36);
    expect(E.isRight(await store.append('s', [event(id)], { expected: 'no-stream' }))).toBe(true);
    expect(occurrences(store, id.slice(0, 32))).toBe(1);
    const retried = await store.append('s', [event(id)], { expected: 'no-stream' });
    expect(retried).toEqual(E.right({ nextRevision: 0, position: '1', written: 0 }));
    expect(await idsOf(store, 's')).toEqual([id]);
  });
});
