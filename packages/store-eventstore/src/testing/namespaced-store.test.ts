import { collect, eventStoreContract } from '@pinnstatistik/core/testing';
import { createMemoryEventStore } from '@pinnstatistik/store-memory';
import { describe, expect, it } from 'vitest';
import { namespacedStore } from './namespaced-store.js';
import { event, labelsOf } from './test-events.js';

// The view the real-server privacy run uses, proved on the memory store: it is still a store...
describe('a namespaced view of a store: the store contract', () => {
  const shared = createMemoryEventStore();
  let views = 0;
  for (const contractCase of eventStoreContract()) {
    it(contractCase.name, () =>
      contractCase.run(async () => {
        views += 1;
        return { store: namespacedStore(shared, `ns${views}/`) };
      }),
    );
  }
});

// ...and the views of one store do not see each other.
describe('a namespaced view of a store', () => {
  it('keeps its streams apart from other views under the same names', async () => {
    const shared = createMemoryEventStore();
    const [one, two] = [namespacedStore(shared, 'one/'), namespacedStore(shared, 'two/')];
    await one.append('period-1', [event('a')], { expected: 'no-stream' });
    await two.append('period-1', [event('b'), event('c')], { expected: 'no-stream' });
    expect(labelsOf(await collect(one.readStream('period-1')))).toEqual(['a']);
    const all = await collect(two.readAll());
    expect(all.map((recorded) => recorded.stream)).toEqual(['period-1', 'period-1']);
    expect(labelsOf(all)).toEqual(['b', 'c']);
    expect((await collect(two.readAll({ limit: 1 }))).length).toBe(1);
    const seen: string[] = [];
    const subscription = one.subscribe({}, { onEvent: (recorded) => void seen.push(recorded.stream) });
    await subscription.caughtUp;
    await subscription.close();
    expect(seen).toEqual(['period-1']);
    expect((await collect(shared.readAll())).map((recorded) => recorded.stream)).toEqual([
      'one/period-1',
      'two/period-1',
      'two/period-1',
    ]);
    expect((await two.deleteStreams(['period-1'])).removed).toBe(2);
    expect(labelsOf(await collect(one.readStream('period-1')))).toEqual(['a']);
    expect((await collect(shared.readAll())).map((recorded) => recorded.stream)).toEqual(['one/period-1']);
  });
});
