import type { EventStore, EventToAppend, ReadAllOptions, RecordedEvent } from '@pinnstatistik/core';
import { collect } from '@pinnstatistik/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../src/index.js';

// Every way of reading the memory store, against a model of what was appended: each event with
// its id exactly as first appended (upper-case and non-UUID ids too, retries, batches), and
// nothing of a deleted stream — through readAll, readAllPages, readStream, `after` and `limit`.

const STREAMS = ['a', 'b', 'c'] as const;
const ID_POOL = [
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-00000000000A',
  '00000000-0000-4000-8000-00000000000a',
  'ABCDEF00-0000-4000-8000-000000000002',
  'evt-1',
  'händelse-å',
  '',
];

type Op =
  | { kind: 'append'; stream: string; ids: string[] }
  | { kind: 'batch'; parts: { stream: string; ids: string[] }[] }
  | { kind: 'delete'; stream: string };

const stream = fc.constantFrom(...STREAMS);
const ids = fc.array(fc.constantFrom(...ID_POOL), { minLength: 1, maxLength: 4 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('append' as const), stream, ids }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      parts: fc.uniqueArray(fc.record({ stream, ids }), { selector: (part) => part.stream, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), stream }) },
);

const event = (id: string, n: number): EventToAppend => ({
  id,
  type: `T${n % 3}`,
  data: new Uint8Array([n % 256, 7]),
  metadata: new Uint8Array(n % 2),
});

interface ModelEvent {
  readonly stream: string;
  readonly id: string;
  readonly data: number;
}

/** What the store should hold: the same idempotency rules; a deleted stream refuses and is gone. */
function model(ops: readonly Op[]) {
  const log: ModelEvent[] = [];
  const deleted = new Set<string>();
  const created = new Set<string>();
  let n = 0;
  const write = (name: string, given: string[]) => {
    const known = new Set(log.filter((entry) => entry.stream === name).map((entry) => entry.id));
    const numbered = given.map((id) => ({ id, data: (n++ % 256) as number }));
    created.add(name);
    if (given.every((id) => known.has(id)) && known.size > 0) return;
    for (const { id, data } of numbered) {
      if (known.has(id)) continue;
      known.add(id);
      log.push({ stream: name, id, data });
    }
  };
  for (const step of ops) {
    // Deleting a stream never written is a no-op: it stays writable.
    if (step.kind === 'delete') {
      if (created.has(step.stream)) deleted.add(step.stream);
    } else if (step.kind === 'append') {
      if (!deleted.has(step.stream)) write(step.stream, step.ids);
      else n += step.ids.length;
    } else if (step.parts.some((part) => deleted.has(part.stream)))
      n += step.parts.reduce((sum, part) => sum + part.ids.length, 0);
    else for (const part of step.parts) write(part.stream, part.ids);
  }
  return log.filter((entry) => !deleted.has(entry.stream));
}

/** The store's own pages (the port makes them optional; this store has them). */
function pagesOf(store: EventStore, options?: ReadAllOptions): AsyncIterable<readonly RecordedEvent[]> {
  if (store.readAllPages === undefined) throw new Error('the memory store reads in pages');
  return store.readAllPages(options);
}

const seen = (events: readonly RecordedEvent[]) =>
  events.map((recorded) => ({ stream: recorded.stream, id: recorded.id, data: recorded.data[0] }));

describe('the memory store read every way, against what was appended', () => {
  it('gives each kept event with its id as appended, and nothing of a deleted stream', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), fc.nat(40), fc.nat(6), async (ops, cut, limit) => {
        const store = createMemoryEventStore();
        let n = 0;
        for (const step of ops) {
          if (step.kind === 'delete') await store.deleteStreams([step.stream]);
          else if (step.kind === 'append')
            await store.append(
              step.stream,
              step.ids.map((id) => event(id, n++)),
              { expected: 'any' },
            );
          else
            await store.appendBatch(
              step.parts.map((part) => ({
                stream: part.stream,
                events: part.ids.map((id) => event(id, n++)),
                expected: 'any' as const,
              })),
            );
        }
        const expected = model(ops);
        const all = await collect(store.readAll());
        expect(seen(all)).toEqual(expected);
        expect(seen((await collect(pagesOf(store))).flat())).toEqual(expected);
        for (const name of STREAMS) {
          const forwards = await collect(store.readStream(name));
          expect(seen(forwards)).toEqual(expected.filter((entry) => entry.stream === name));
          expect(seen(await collect(store.readStream(name, { direction: 'backwards' })))).toEqual(
            seen(forwards).reverse(),
          );
        }
        // Resuming after any position ever handed out, deleted ones included (positions 1..size).
        const after = String(Math.min(cut, store.size));
        const resumed = all.filter((recorded) => Number(recorded.position) > Number(after));
        const pageLimit = limit + 1;
        expect(seen(await collect(store.readAll({ after, limit: pageLimit })))).toEqual(
          seen(resumed.slice(0, pageLimit)),
        );
        expect(seen((await collect(pagesOf(store, { after, limit: pageLimit }))).flat())).toEqual(
          seen(resumed.slice(0, pageLimit)),
        );
      }),
      { numRuns: 300 },
    );
  });
});
