import { collect, eventStoreContract } from '@pinnstatistik/core/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from './memory-event-store.js';

describe('memory event store: the store contract', () => {
  for (const contractCase of eventStoreContract()) {
    it(contractCase.name, () => contractCase.run(async () => ({ store: createMemoryEventStore() })));
  }
});

describe('memory event store', () => {
  it('stores events encoded, so a caller mutating its objects after the append changes nothing stored', async () => {
    const store = createMemoryEventStore();
    const data = { count: 1 };
    await store.append('s', [{ id: 'a', type: 'T', data, metadata: {} }], { expected: 'no-stream' });
    data.count = 99;
    const [event] = await collect(store.readStream('s'));
    expect(event?.data).toEqual({ count: 1 });
  });

  it('rejects a position it did not issue as a programmer error', async () => {
    const store = createMemoryEventStore();
    await expect(collect(store.readAll({ after: 'C:1/P:1' }))).rejects.toThrow(TypeError);
  });

  it('keeps appending across many streams with positions strictly increasing', async () => {
    const store = createMemoryEventStore();
    let last = 0;
    for (let index = 0; index < 2_000; index += 1) {
      const result = await store.append(
        `s-${index % 37}`,
        [{ id: `e${index}`, type: 'T', data: index, metadata: {} }],
        {
          expected: 'any',
        },
      );
      if (E.isLeft(result)) throw new Error('append failed');
      expect(Number(result.right.position)).toBeGreaterThan(last);
      last = Number(result.right.position);
    }
    expect(store.size).toBe(2_000);
  });
});
